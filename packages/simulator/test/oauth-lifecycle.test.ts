import { beforeEach, describe, expect, test } from "vitest"
import { OAUTH_MESSAGES, TOKEN_PREFIX } from "../src/index.js"
import {
  authorized,
  exchange,
  oauthErrorOf,
  tokensFor,
  userinfo,
} from "./oauth-utils.js"
import { makeSimulator } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

describe("the authorization code lifecycle", () => {
  test("a code signed in on the hosted page is exchanged for Link's token answer", async () => {
    const { code, verifier, state } = await authorized(sim)
    expect(state).toBe("state-123")
    const res = await exchange(sim, code, verifier)
    expect(res.status).toBe(200)
    expect(res.headers.get("cache-control")).toBe("no-store")
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toEqual({
      access_token: expect.stringMatching(
        new RegExp(`^${TOKEN_PREFIX.access}`)
      ),
      refresh_token: expect.stringMatching(
        new RegExp(`^${TOKEN_PREFIX.refresh}`)
      ),
      token_type: "Bearer",
      expires_in: 3600,
      scope: "userinfo:read",
    })
  })

  test("a code works once: the second exchange is invalid_grant", async () => {
    const { code, verifier } = await authorized(sim)
    expect((await exchange(sim, code, verifier)).status).toBe(200)
    const again = await exchange(sim, code, verifier)
    expect(again.status).toBe(400)
    expect(await oauthErrorOf(again)).toEqual({
      error: "invalid_grant",
      error_description: OAUTH_MESSAGES.codeUsed,
    })
  })

  test("a code exchanged twice revokes the tokens the first exchange gave", async () => {
    const { code, verifier } = await authorized(sim)
    const tokens = (await (await exchange(sim, code, verifier)).json()) as {
      access_token: string
    }
    await exchange(sim, code, verifier)
    expect((await userinfo(sim, tokens.access_token)).status).toBe(401)
  })

  test("a code still works 1 ms before its 10 minutes are up", async () => {
    const { code, verifier } = await authorized(sim)
    sim.state.clock.advance(10 * 60_000 - 1)
    expect((await exchange(sim, code, verifier)).status).toBe(200)
  })

  test("a code has expired 10 minutes after it was issued", async () => {
    const { code, verifier } = await authorized(sim)
    sim.state.clock.advance(10 * 60_000)
    const res = await exchange(sim, code, verifier)
    expect(res.status).toBe(400)
    expect(await oauthErrorOf(res)).toEqual({
      error: "invalid_grant",
      error_description: OAUTH_MESSAGES.codeInvalid,
    })
  })

  test("the access token reads the person's profile from userinfo", async () => {
    const tokens = await tokensFor(sim)
    const res = await userinfo(sim, tokens.access_token)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      id: expect.stringMatching(/^usr_/),
      email: "jo@example.com",
      name: "Jo Doe",
      first_name: "Jo",
      last_name: "Doe",
      phone: "+353871234590",
    })
  })
})
