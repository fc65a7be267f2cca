/** The whole OAuth sign-in over a real port, as a browser without JavaScript and a shop would do it. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import {
  DEV_CLIENT_ID,
  DEV_CLIENT_SECRET,
  startSimulator,
  type RunningSimulator,
} from "../src/index.js"
import { REDIRECT_URI, authorizeQuery, pkce, requestOf } from "./oauth-utils.js"
import { TEST_KEY } from "./utils.js"

let link: RunningSimulator
beforeAll(async () => {
  link = await startSimulator({ port: 0, quiet: true, env: {} })
})
afterAll(() => link.close())
beforeEach(() => link.simulator.reset())

describe("OAuth over a real port", () => {
  test("it reports the OAuth base URL", () => {
    expect(link.oauthUrl).toBe(`${link.url}/oauth`)
  })

  test("a browser signs in on the hosted page and the shop exchanges the code and reads userinfo", async () => {
    const { verifier, challenge } = pkce()
    // The browser: the page, then its two forms, carrying the cookie and its own Origin.
    const page = await fetch(
      `${link.oauthUrl}/auth?${authorizeQuery(challenge)}`
    )
    expect(page.status).toBe(200)
    const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
    const request = requestOf(await page.text())
    const post = (fields: Record<string, string>) =>
      fetch(`${link.oauthUrl}/auth`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie,
          origin: link.url,
          "sec-fetch-site": "same-origin",
        },
        body: new URLSearchParams({ request, ...fields }).toString(),
      })
    expect(
      (await post({ intent: "email", email: "jo@example.com" })).status
    ).toBe(200)
    const outbox = (await (
      await fetch(`${link.url}/__dev/outbox?email=jo@example.com`)
    ).json()) as { messages: { code: string }[] }
    const done = await post({ intent: "code", code: outbox.messages[0]!.code })
    expect(done.status).toBe(303)
    const back = new URL(done.headers.get("location") ?? "")
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI)
    // The shop: token, then userinfo.
    const token = await fetch(`${link.oauthUrl}/auth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Bearer ${TEST_KEY}`,
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: back.searchParams.get("code") ?? "",
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
        client_id: DEV_CLIENT_ID,
        client_secret: DEV_CLIENT_SECRET,
      }).toString(),
    })
    expect(token.status).toBe(200)
    const { access_token } = (await token.json()) as { access_token: string }
    const profile = await fetch(`${link.oauthUrl}/userinfo`, {
      headers: { authorization: `Bearer ${access_token}` },
    })
    expect(await profile.json()).toMatchObject({ email: "jo@example.com" })
    expect(link.simulator.state.stats.calls).toMatchObject({
      authorize: 1,
      token: 1,
      userinfo: 1,
    })
  })

  test("a drop fault on token closes the connection", async () => {
    await fetch(`${link.url}/__control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ route: "token", kind: "drop" }),
    })
    await expect(
      fetch(`${link.oauthUrl}/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=authorization_code",
      })
    ).rejects.toThrow()
  })
})
