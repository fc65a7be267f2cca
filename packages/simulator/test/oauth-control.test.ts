/** The OAuth parts of the control API and of the /__dev page. */
import { beforeEach, describe, expect, test } from "vitest"
import { DEV_CLIENT_ID, OAUTH_MESSAGES } from "../src/index.js"
import {
  REDIRECT_URI,
  authorizeQuery,
  exchange,
  pkce,
  revoke,
  tokensFor,
} from "./oauth-utils.js"
import { BASE, get, makeSimulator, postJson } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

async function shortcut(body: Record<string, unknown>) {
  return postJson(sim, "/__control/oauth/authorize", body)
}

describe("the OAuth control API", () => {
  test("POST /__control/oauth/authorize signs a person in without the page", async () => {
    const { verifier, challenge } = pkce()
    const res = await shortcut({
      authorizationUrl: `${BASE}/oauth/auth?${authorizeQuery(challenge)}`,
      email: "jo@example.com",
    })
    expect(res.status).toBe(200)
    const { location } = (await res.json()) as { location: string }
    expect(location.startsWith(`${REDIRECT_URI}?code=`)).toBe(true)
    const url = new URL(location)
    expect(url.searchParams.get("state")).toBe("state-123")
    const code = url.searchParams.get("code") ?? ""
    expect((await exchange(sim, code, verifier)).status).toBe(200)
  })

  test("the shortcut checks the request as the page does", async () => {
    const res = await shortcut({
      authorizationUrl: `/oauth/auth?${authorizeQuery(pkce().challenge, { code_challenge_method: "plain" })}`,
      email: "jo@example.com",
    })
    const { location } = (await res.json()) as { location: string }
    expect(new URL(location).searchParams.get("error_description")).toBe(
      OAUTH_MESSAGES.pkcePlain
    )
  })

  test("the shortcut refuses an unregistered redirect_uri without a location", async () => {
    const res = await shortcut({
      authorizationUrl: `/oauth/auth?${authorizeQuery(pkce().challenge, { redirect_uri: "https://evil.example/cb" })}`,
      email: "jo@example.com",
    })
    expect(res.status).toBe(400)
    expect(await res.json()).not.toHaveProperty("location")
  })

  test("the shortcut can decline", async () => {
    const res = await shortcut({
      authorizationUrl: `/oauth/auth?${authorizeQuery(pkce().challenge)}`,
      decline: true,
    })
    const { location } = (await res.json()) as { location: string }
    expect(new URL(location).searchParams.get("error")).toBe("access_denied")
  })

  test("the shortcut refuses an email not on Link", async () => {
    const res = await shortcut({
      authorizationUrl: `/oauth/auth?${authorizeQuery(pkce().challenge)}`,
      email: "nobody@example.com",
    })
    expect(res.status).toBe(400)
  })

  test("GET /__control/oauth/grants lists grants without any token", async () => {
    const tokens = await tokensFor(sim)
    await revoke(sim, tokens.refresh_token)
    const res = await get(sim, "/__control/oauth/grants")
    const text = await res.text()
    expect(text).not.toContain(tokens.access_token)
    expect(text).not.toContain(tokens.refresh_token)
    expect(JSON.parse(text)).toEqual({
      grants: [
        expect.objectContaining({
          clientId: DEV_CLIENT_ID,
          email: "jo@example.com",
          scope: ["userinfo:read"],
          refreshes: 0,
          status: "revoked",
        }),
      ],
    })
  })

  test("GET /__control/oauth/clients lists clients without their secrets", async () => {
    const text = await (await get(sim, "/__control/oauth/clients")).text()
    expect(text).not.toContain("shop_dev_secret")
    expect(JSON.parse(text).clients[0]).toMatchObject({
      clientId: DEV_CLIENT_ID,
      publishableKey: null,
    })
  })

  test("GET /__control/issued lists the OAuth codes and tokens handed out", async () => {
    const tokens = await tokensFor(sim)
    const body = (await (await get(sim, "/__control/issued")).json()) as {
      oauthTokens: string[]
    }
    expect(body.oauthTokens).toContain(tokens.access_token)
    expect(body.oauthTokens).toContain(tokens.refresh_token)
  })

  test("a reset forgets every grant and token", async () => {
    const tokens = await tokensFor(sim)
    await postJson(sim, "/__control/reset", {})
    expect(sim.state.oauth.grants()).toEqual([])
    expect(
      (
        await sim.fetch(
          new Request(`${BASE}/oauth/userinfo`, {
            headers: { authorization: `Bearer ${tokens.access_token}` },
          })
        )
      ).status
    ).toBe(401)
  })
})

describe("the /__dev page", () => {
  test("shows OAuth grants next to the codes sent", async () => {
    await tokensFor(sim, "sam@example.com")
    const html = await (await get(sim, "/__dev")).text()
    expect(html).toContain('<h2 id="codes-title">Codes sent</h2>')
    expect(html).toContain('<h2 id="grants-title">OAuth grants</h2>')
    expect(html).toContain('<td data-label="Email">sam@example.com</td>')
    expect(html).toContain(
      '<td data-label="Status" class="status-active">active</td>'
    )
  })

  test("shows a revoked grant as revoked", async () => {
    const tokens = await tokensFor(sim)
    await revoke(sim, tokens.refresh_token)
    const html = await (await get(sim, "/__dev")).text()
    expect(html).toContain('class="status-revoked">revoked</td>')
  })

  test("filters grants by email like the codes", async () => {
    await tokensFor(sim, "sam@example.com")
    await tokensFor(sim, "jo@example.com")
    const html = await (await get(sim, "/__dev?email=jo@example.com")).text()
    expect(html).not.toContain('<td data-label="Email">sam@example.com</td>')
    expect(html).toContain('<td data-label="Email">jo@example.com</td>')
  })

  test("never shows a token", async () => {
    const tokens = await tokensFor(sim)
    const html = await (await get(sim, "/__dev")).text()
    expect(html).not.toContain(tokens.access_token)
    expect(html).not.toContain(tokens.refresh_token)
  })

  test("lays the tables out as labelled lines on a phone-width screen", async () => {
    const html = await (await get(sim, "/__dev")).text()
    expect(html).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1">'
    )
    expect(html).toMatch(/@container \(max-width:36rem\)\{table\.stack thead/)
  })
})
