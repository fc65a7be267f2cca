/**
 * A standard OAuth 2 client library (panva's oauth4webapi) against the simulated login.link.com:
 * client_secret_post plus the Bearer publishable key (a custom `ClientAuth`), PKCE S256, rotation, revoke, and RFC 6749
 * errors it can parse. In-process: the library's fetch is the simulator's.
 */
import * as oauth from "oauth4webapi"
import { beforeEach, describe, expect, test } from "vitest"
import { DEV_CLIENT_ID, DEV_CLIENT_SECRET } from "../src/index.js"
import { REDIRECT_URI } from "./oauth-utils.js"
import { BASE, TEST_KEY, makeSimulator, postJson } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

const as: oauth.AuthorizationServer = {
  issuer: `${BASE}/oauth`,
  authorization_endpoint: `${BASE}/oauth/auth`,
  token_endpoint: `${BASE}/oauth/auth/token`,
  revocation_endpoint: `${BASE}/oauth/auth/revoke`,
  userinfo_endpoint: `${BASE}/oauth/userinfo`,
}
const client: oauth.Client = { client_id: DEV_CLIENT_ID }
/** Link's client authentication: client_secret_post, plus the publishable key as a Bearer token. */
const clientAuth: oauth.ClientAuth = async (server, c, body, headers) => {
  await oauth.ClientSecretPost(DEV_CLIENT_SECRET)(server, c, body, headers)
  headers.set("authorization", `Bearer ${TEST_KEY}`)
}
const options = {
  [oauth.allowInsecureRequests]: true,
  // oauth4webapi sends bodies a Request takes (URLSearchParams, bytes): hand them to the simulator.
  [oauth.customFetch]: (
    url: string,
    init: oauth.CustomFetchOptions<string, oauth.ProtectedResourceRequestBody>
  ) =>
    sim.fetch(
      new Request(url, {
        method: init.method,
        headers: init.headers,
        redirect: init.redirect,
        body: init.body as BodyInit | undefined,
      })
    ),
}

/** The library's authorization URL, approved for Jo through the control API's shortcut. */
async function callback() {
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const url = new URL(as.authorization_endpoint!)
  url.search = new URLSearchParams({
    key: TEST_KEY,
    client_id: DEV_CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "userinfo:read",
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  }).toString()
  const res = await postJson(sim, "/__control/oauth/authorize", {
    authorizationUrl: url.href,
    email: "jo@example.com",
  })
  const { location } = (await res.json()) as { location: string }
  const params = oauth.validateAuthResponse(
    as,
    client,
    new URL(location),
    state
  )
  return { params, verifier }
}

async function signIn() {
  const { params, verifier } = await callback()
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    clientAuth,
    params,
    REDIRECT_URI,
    verifier,
    options
  )
  return oauth.processAuthorizationCodeResponse(as, client, response)
}

describe("oauth4webapi against the simulator", () => {
  test("exchanges the code with client_secret_post and the Bearer key", async () => {
    const tokens = await signIn()
    expect(tokens.token_type).toBe("bearer")
    expect(tokens.expires_in).toBe(3600)
    expect(tokens.refresh_token).toMatch(/^liwlrefresh_/)
  })

  test("refreshes with the rotated refresh token", async () => {
    const first = await signIn()
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      first.refresh_token!,
      options
    )
    const next = await oauth.processRefreshTokenResponse(as, client, response)
    expect(next.refresh_token).not.toBe(first.refresh_token)
  })

  test("parses the reuse of a refresh token as an invalid_grant error", async () => {
    const first = await signIn()
    const refresh = () =>
      oauth.refreshTokenGrantRequest(
        as,
        client,
        clientAuth,
        first.refresh_token!,
        options
      )
    await oauth.processRefreshTokenResponse(as, client, await refresh())
    await expect(
      oauth.processRefreshTokenResponse(as, client, await refresh())
    ).rejects.toMatchObject({ error: "invalid_grant", status: 400 })
  })

  test("parses a wrong code_verifier as an invalid_grant error", async () => {
    const { params } = await callback()
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuth,
      params,
      REDIRECT_URI,
      oauth.generateRandomCodeVerifier(),
      options
    )
    await expect(
      oauth.processAuthorizationCodeResponse(as, client, response)
    ).rejects.toMatchObject({ error: "invalid_grant" })
  })

  test("revokes the refresh token", async () => {
    const tokens = await signIn()
    const response = await oauth.revocationRequest(
      as,
      client,
      clientAuth,
      tokens.refresh_token!,
      options
    )
    await oauth.processRevocationResponse(response)
    const after = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      tokens.refresh_token!,
      options
    )
    await expect(
      oauth.processRefreshTokenResponse(as, client, after)
    ).rejects.toMatchObject({ error: "invalid_grant" })
  })

  test("reads the profile from userinfo with the access token", async () => {
    const tokens = await signIn()
    const response = await oauth.protectedResourceRequest(
      tokens.access_token,
      "GET",
      new URL(as.userinfo_endpoint!),
      undefined,
      undefined,
      options
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ email: "jo@example.com" })
  })
})
