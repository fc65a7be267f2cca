/** Refresh tokens rotate; revoke ends a grant; access tokens live an hour. */
import { beforeEach, describe, expect, test } from "vitest"
import { OAUTH_MESSAGES } from "../src/index.js"
import {
  type Tokens,
  oauthErrorOf,
  refresh,
  revoke,
  tokensFor,
  userinfo,
  OTHER_CLIENT,
} from "./oauth-utils.js"
import { LIVE_KEY, makeSimulator } from "./utils.js"

const sim = makeSimulator({ oauthClients: [OTHER_CLIENT] })
beforeEach(() => sim.reset())
const other = {
  client_id: OTHER_CLIENT.clientId,
  client_secret: OTHER_CLIENT.clientSecret,
}

async function refreshed(token: string): Promise<Tokens> {
  const res = await refresh(sim, token)
  expect(res.status).toBe(200)
  return (await res.json()) as Tokens
}

describe("refresh tokens", () => {
  test("a refresh gives a new access token and a new refresh token", async () => {
    const first = await tokensFor(sim)
    const next = await refreshed(first.refresh_token)
    expect(next.access_token).not.toBe(first.access_token)
    expect(next.refresh_token).not.toBe(first.refresh_token)
    expect(next).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      scope: "userinfo:read",
    })
    expect((await userinfo(sim, next.access_token)).status).toBe(200)
  })

  test("a refresh token works once: the old one fails after use", async () => {
    const first = await tokensFor(sim)
    await refreshed(first.refresh_token)
    const again = await refresh(sim, first.refresh_token)
    expect(again.status).toBe(400)
    expect(await oauthErrorOf(again)).toEqual({
      error: "invalid_grant",
      error_description: OAUTH_MESSAGES.refreshReused,
    })
  })

  test("reusing a rotated-out refresh token revokes the newest one too", async () => {
    const first = await tokensFor(sim)
    const next = await refreshed(first.refresh_token)
    await refresh(sim, first.refresh_token)
    expect((await refresh(sim, next.refresh_token)).status).toBe(400)
    expect((await userinfo(sim, next.access_token)).status).toBe(401)
  })

  test("the newest refresh token keeps working, refresh after refresh", async () => {
    let tokens = await tokensFor(sim)
    for (let i = 0; i < 3; i++) tokens = await refreshed(tokens.refresh_token)
    expect((await userinfo(sim, tokens.access_token)).status).toBe(200)
  })

  test("another client's refresh token is invalid_grant, and stays usable by its own", async () => {
    const tokens = await tokensFor(sim)
    const res = await refresh(sim, tokens.refresh_token, other)
    expect(await oauthErrorOf(res)).toEqual({
      error: "invalid_grant",
      error_description: OAUTH_MESSAGES.refreshOtherClient,
    })
    expect((await refresh(sim, tokens.refresh_token)).status).toBe(200)
  })

  test("a refresh token is bound to the key of its authorization URL", async () => {
    const tokens = await tokensFor(sim)
    const res = await refresh(
      sim,
      tokens.refresh_token,
      {},
      { authorization: `Bearer ${LIVE_KEY}` }
    )
    expect(await oauthErrorOf(res)).toEqual({
      error: "invalid_grant",
      error_description: OAUTH_MESSAGES.refreshOtherKey,
    })
  })

  test("a made-up refresh token is invalid_grant", async () => {
    const res = await refresh(sim, "liwlrefresh_made_up")
    expect(res.status).toBe(400)
    expect((await oauthErrorOf(res)).error_description).toBe(
      OAUTH_MESSAGES.refreshInvalid
    )
  })

  test("a refresh token has expired after a year", async () => {
    const tokens = await tokensFor(sim)
    sim.state.clock.advance(365 * 86_400_000)
    expect((await refresh(sim, tokens.refresh_token)).status).toBe(400)
  })

  test("a refresh may ask for fewer scopes, never more", async () => {
    const tokens = await tokensFor(sim, "jo@example.com", {
      scope: "userinfo:read payment_methods.agentic",
    })
    expect(tokens.scope).toBe("userinfo:read payment_methods.agentic")
    const wider = await refresh(sim, tokens.refresh_token, {
      scope: "userinfo:read admin",
    })
    expect(await oauthErrorOf(wider)).toEqual({
      error: "invalid_scope",
      error_description: OAUTH_MESSAGES.scopeWider,
    })
    const narrower = await refresh(sim, tokens.refresh_token, {
      scope: "userinfo:read",
    })
    expect(((await narrower.json()) as Tokens).scope).toBe("userinfo:read")
  })
})

describe("access tokens", () => {
  test("an access token works 1 ms before its hour is up", async () => {
    const tokens = await tokensFor(sim)
    sim.state.clock.advance(3_600_000 - 1)
    expect((await userinfo(sim, tokens.access_token)).status).toBe(200)
  })

  test("an access token has expired after an hour", async () => {
    const tokens = await tokensFor(sim)
    sim.state.clock.advance(3_600_000)
    expect((await userinfo(sim, tokens.access_token)).status).toBe(401)
  })

  test("an old access token keeps working after a refresh, until its hour is up", async () => {
    const tokens = await tokensFor(sim)
    await refreshed(tokens.refresh_token)
    expect((await userinfo(sim, tokens.access_token)).status).toBe(200)
  })
})

describe("revoke", () => {
  test("revoking a refresh token answers 200", async () => {
    const tokens = await tokensFor(sim)
    const res = await revoke(sim, tokens.refresh_token)
    expect(res.status).toBe(200)
  })

  test("a revoked refresh token no longer refreshes", async () => {
    const tokens = await tokensFor(sim)
    await revoke(sim, tokens.refresh_token)
    const res = await refresh(sim, tokens.refresh_token)
    expect(await oauthErrorOf(res)).toEqual({
      error: "invalid_grant",
      error_description: OAUTH_MESSAGES.refreshInvalid,
    })
  })

  test("revoking a refresh token ends its access tokens too", async () => {
    const tokens = await tokensFor(sim)
    await revoke(sim, tokens.refresh_token)
    expect((await userinfo(sim, tokens.access_token)).status).toBe(401)
  })

  test("revoking an access token ends that token only", async () => {
    const tokens = await tokensFor(sim)
    await revoke(sim, tokens.access_token, { token_type_hint: "access_token" })
    expect((await userinfo(sim, tokens.access_token)).status).toBe(401)
    expect((await refresh(sim, tokens.refresh_token)).status).toBe(200)
  })

  test("an unknown token is answered 200, as RFC 7009 says", async () => {
    expect((await revoke(sim, "liwlrefresh_unknown")).status).toBe(200)
  })

  test("another client cannot revoke a token", async () => {
    const tokens = await tokensFor(sim)
    expect((await revoke(sim, tokens.refresh_token, other)).status).toBe(200)
    expect((await refresh(sim, tokens.refresh_token)).status).toBe(200)
  })

  test("revoke needs the client's secret", async () => {
    const tokens = await tokensFor(sim)
    const res = await revoke(sim, tokens.refresh_token, {
      client_secret: "wrong_secret",
    })
    expect(res.status).toBe(401)
    expect((await oauthErrorOf(res)).error).toBe("invalid_client")
    expect((await refresh(sim, tokens.refresh_token)).status).toBe(200)
  })

  test("revoke needs the Bearer publishable key", async () => {
    const tokens = await tokensFor(sim)
    const res = await revoke(
      sim,
      tokens.refresh_token,
      {},
      { authorization: undefined }
    )
    expect(await oauthErrorOf(res)).toEqual({
      error: "invalid_client",
      error_description: OAUTH_MESSAGES.keyMissing,
    })
  })

  test("revoke refuses HTTP Basic", async () => {
    const tokens = await tokensFor(sim)
    const res = await revoke(
      sim,
      tokens.refresh_token,
      {},
      { authorization: "Basic c2hvcF9kZXY6c2hvcF9kZXZfc2VjcmV0" }
    )
    expect((await oauthErrorOf(res)).error_description).toBe(
      OAUTH_MESSAGES.basicRefused
    )
  })

  test("revoke without a token is invalid_request", async () => {
    const res = await revoke(sim, "")
    expect(await oauthErrorOf(res)).toEqual({
      error: "invalid_request",
      error_description: OAUTH_MESSAGES.tokenMissing,
    })
  })
})
