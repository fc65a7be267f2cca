/**
 * Protocol tests: a real hosted-login (oidc-provider) and a real simulator, driven by
 * openid-client the way a shop drives it.
 */
import { describe, expect, test } from "vitest"
import * as client from "openid-client"
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose"
import { subjectFor } from "../src/index.js"
import {
  Browser,
  JO,
  OTHER_SHOP,
  SHOP,
  SHOP_CALLBACK,
  SHOP_HOME,
  authorizationRequest,
  discover,
  signInThroughPages,
  useShopStack,
} from "./utils.js"

const stack = useShopStack()

/** The redirect the authorization endpoint answers with, without following it. */
async function authorize(url: URL) {
  const browser = new Browser()
  const { response, url: location } = await browser.follow(
    url.href,
    stack.login.url
  )
  return { browser, response, location: new URL(location) }
}

describe("discovery", () => {
  test("advertises the code flow with S256 PKCE, the Link claims and RP-initiated logout", async () => {
    const meta = stack.config.serverMetadata()
    const issuer = stack.login.url
    expect(meta.issuer).toBe(issuer)
    expect(meta.authorization_endpoint).toBe(`${issuer}/auth`)
    expect(meta.token_endpoint).toBe(`${issuer}/token`)
    expect(meta.jwks_uri).toBe(`${issuer}/jwks`)
    expect(meta.userinfo_endpoint).toBe(`${issuer}/me`)
    expect(meta.end_session_endpoint).toBe(`${issuer}/session/end`)
    expect(meta.response_types_supported).toEqual(["code"])
    expect(meta.code_challenge_methods_supported).toEqual(["S256"])
    expect(meta.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "email", "profile"])
    )
    expect(meta.claims_supported).toEqual(
      expect.arrayContaining(["sub", "email", "email_verified", "name"])
    )
    expect(meta.id_token_signing_alg_values_supported).toContain("RS256")
    expect(meta.token_endpoint_auth_methods_supported).toContain(
      "client_secret_basic"
    )
    expect(meta.grant_types_supported).not.toContain("implicit")
  })

  test("publishes public signing keys only", async () => {
    const jwks = (await (await fetch(`${stack.login.url}/jwks`)).json()) as {
      keys: Record<string, unknown>[]
    }
    expect(jwks.keys).toHaveLength(1)
    const [key] = jwks.keys
    expect(key).toMatchObject({
      kty: "RSA",
      kid: stack.secrets.jwks.keys[0]?.kid,
      use: "sig",
      alg: "RS256",
    })
    for (const secret of ["d", "p", "q", "dp", "dq", "qi"])
      expect(key).not.toHaveProperty(secret)
  })
})

describe("authorization request", () => {
  test("without PKCE is refused with invalid_request", async () => {
    const url = client.buildAuthorizationUrl(stack.config, {
      redirect_uri: SHOP_CALLBACK,
      scope: "openid email",
      state: "s1",
      nonce: "n1",
    })
    const { location } = await authorize(url)
    expect(location.origin + location.pathname).toBe(SHOP_CALLBACK)
    expect(location.searchParams.get("error")).toBe("invalid_request")
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/)
    expect(location.searchParams.get("state")).toBe("s1")
    expect(location.searchParams.has("code")).toBe(false)
  })

  test("with the plain PKCE method is refused", async () => {
    const url = client.buildAuthorizationUrl(stack.config, {
      redirect_uri: SHOP_CALLBACK,
      scope: "openid",
      code_challenge: client.randomPKCECodeVerifier(),
      code_challenge_method: "plain",
    })
    const { location } = await authorize(url)
    expect(location.searchParams.get("error")).toBe("invalid_request")
    expect(location.searchParams.get("error_description")).toMatch(
      /code_challenge_method/
    )
  })

  test("with an unregistered redirect_uri is refused on the hosted page, never redirected", async () => {
    const { url } = await authorizationRequest(
      stack.config,
      {},
      "https://attacker.example/callback"
    )
    const { response, location } = await authorize(url)
    expect(location.origin).toBe(stack.login.url)
    expect(response.status).toBe(400)
    expect(response.headers.get("location")).toBeNull()
    const page = await response.text()
    expect(page).toContain("redirect_uri")
    expect(page).not.toContain("attacker.example/callback?")
  })

  test("for an unknown client is refused", async () => {
    const stranger = await discover(stack.login.url, {
      client_id: "nobody",
      client_secret: "nobody-secret-0123456789",
    })
    const { url } = await authorizationRequest(stranger)
    const { response } = await authorize(url)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain("invalid_client")
  })

  test("for the implicit flow is refused", async () => {
    const { url } = await authorizationRequest(stack.config, {
      response_type: "id_token",
    })
    const { location } = await authorize(url)
    // Implicit responses go in the fragment: nothing is issued, only the error.
    const fragment = new URLSearchParams(location.hash.slice(1))
    expect(fragment.get("error")).toBe("unsupported_response_type")
    expect(fragment.has("id_token")).toBe(false)
  })
})

describe("sign in and token exchange", () => {
  test("returns an ID token signed with the published key, with a stable opaque sub and the Link claims", async () => {
    const request = await authorizationRequest(stack.config)
    const callback = await signInThroughPages(stack, new Browser(), request.url)
    expect(callback.searchParams.get("state")).toBe(request.state)
    expect(callback.searchParams.get("iss")).toBe(stack.login.url)

    const tokens = await client.authorizationCodeGrant(stack.config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    })
    const claims = tokens.claims()!
    expect(claims).toMatchObject({
      iss: stack.login.url,
      aud: SHOP.client_id,
      sub: subjectFor(JO, stack.secrets.subjectPepper),
      email: JO,
      email_verified: false,
      name: "Jo Doe",
      nonce: request.nonce,
    })
    expect(claims.sub).not.toContain("@")
    expect(claims.sub).toMatch(/^[A-Za-z0-9_-]{43}$/)

    // Verified independently of openid-client, against the JWKS endpoint.
    const jwks = createRemoteJWKSet(new URL(`${stack.login.url}/jwks`))
    const { payload } = await jwtVerify(tokens.id_token!, jwks, {
      issuer: stack.login.url,
      audience: SHOP.client_id,
      algorithms: ["RS256"],
    })
    expect(payload.sub).toBe(claims.sub)
    expect(decodeProtectedHeader(tokens.id_token!).kid).toBe(
      stack.secrets.jwks.keys[0]?.kid
    )

    // A tampered token fails verification.
    const [header, body, signature] = tokens.id_token!.split(".")
    const forged = Buffer.from(
      JSON.stringify({ ...payload, email: "mallory@example.com" })
    ).toString("base64url")
    await expect(
      jwtVerify(`${header}.${forged}.${signature}`, jwks)
    ).rejects.toThrow(/signature verification failed/)
    expect(body).not.toBe(forged)

    const userinfo = await client.fetchUserInfo(
      stack.config,
      tokens.access_token,
      claims.sub
    )
    expect(userinfo).toMatchObject({
      sub: claims.sub,
      email: JO,
      email_verified: false,
    })
  })

  test("leaves name out when Link has none for the person", async () => {
    const email = "no.name@example.com"
    const seeded = await fetch(`${stack.link.url}/__control/people`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, phone: "+14155550188" }),
    })
    expect(seeded.status).toBe(201)
    const request = await authorizationRequest(stack.config)
    const callback = await signInThroughPages(
      stack,
      new Browser(),
      request.url,
      email
    )
    const tokens = await client.authorizationCodeGrant(stack.config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    })
    const claims = tokens.claims()!
    expect(claims).toMatchObject({ email, email_verified: false })
    expect(claims).not.toHaveProperty("name")
  })

  test("gives the same sub for the same person however the email is typed", async () => {
    const subs: string[] = []
    for (const typed of [JO, "  JO@Example.COM "]) {
      const request = await authorizationRequest(stack.config)
      const callback = await signInThroughPages(
        stack,
        new Browser(),
        request.url,
        typed
      )
      const tokens = await client.authorizationCodeGrant(
        stack.config,
        callback,
        {
          pkceCodeVerifier: request.verifier,
          expectedState: request.state,
          expectedNonce: request.nonce,
        }
      )
      subs.push(tokens.claims()!.sub)
    }
    expect(subs[0]).toBe(subs[1])
  })

  test("a second sign-in in the same browser skips the code (OP session), still with PKCE", async () => {
    const browser = new Browser()
    const first = await authorizationRequest(stack.config)
    await signInThroughPages(stack, browser, first.url)
    const second = await authorizationRequest(stack.config)
    const { url: landed } = await browser.follow(
      second.url.href,
      stack.login.url
    )
    const location = new URL(landed)
    expect(location.origin + location.pathname).toBe(SHOP_CALLBACK)
    const tokens = await client.authorizationCodeGrant(stack.config, location, {
      pkceCodeVerifier: second.verifier,
      expectedState: second.state,
      expectedNonce: second.nonce,
    })
    expect(tokens.claims()?.email).toBe(JO)
  })
})

/** A 401 with `WWW-Authenticate: Basic error="invalid_client"`, as openid-client reports it. */
const invalidClient = {
  code: "OAUTH_WWW_AUTHENTICATE_CHALLENGE",
  status: 401,
  cause: [
    {
      scheme: "basic",
      parameters: expect.objectContaining({ error: "invalid_client" }),
    },
  ],
}

describe("checks", () => {
  async function callbackFor() {
    const request = await authorizationRequest(stack.config)
    const callback = await signInThroughPages(stack, new Browser(), request.url)
    return { request, callback }
  }

  test("a callback whose state does not match is rejected by the client", async () => {
    const { request, callback } = await callbackFor()
    await expect(
      client.authorizationCodeGrant(stack.config, callback, {
        pkceCodeVerifier: request.verifier,
        expectedState: client.randomState(),
        expectedNonce: request.nonce,
      })
    ).rejects.toMatchObject({
      code: "OAUTH_INVALID_RESPONSE",
      cause: expect.objectContaining({
        message: expect.stringMatching(/"state"/),
      }),
    })
  })

  test("an ID token whose nonce does not match is rejected by the client", async () => {
    const { request, callback } = await callbackFor()
    await expect(
      client.authorizationCodeGrant(stack.config, callback, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
        expectedNonce: client.randomNonce(),
      })
    ).rejects.toMatchObject({
      code: "OAUTH_JWT_CLAIM_COMPARISON_FAILED",
      cause: expect.objectContaining({
        message: expect.stringMatching(/"nonce"/),
      }),
    })
  })

  test("a wrong PKCE verifier is refused at the token endpoint", async () => {
    const { request, callback } = await callbackFor()
    await expect(
      client.authorizationCodeGrant(stack.config, callback, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: request.state,
        expectedNonce: request.nonce,
      })
    ).rejects.toMatchObject({ error: "invalid_grant" })
  })

  test("a replayed authorization code is refused, and the tokens it gave are revoked", async () => {
    const { request, callback } = await callbackFor()
    const checks = {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    }
    const tokens = await client.authorizationCodeGrant(
      stack.config,
      callback,
      checks
    )
    const sub = tokens.claims()!.sub
    await expect(
      client.fetchUserInfo(stack.config, tokens.access_token, sub)
    ).resolves.toMatchObject({ sub })

    await expect(
      client.authorizationCodeGrant(stack.config, callback, checks)
    ).rejects.toMatchObject({
      error: "invalid_grant",
    })
    await expect(
      client.fetchUserInfo(stack.config, tokens.access_token, sub)
    ).rejects.toMatchObject({
      status: 401,
    })
  })

  test("the token endpoint refuses a wrong secret, a missing secret and another client's secret", async () => {
    const { request, callback } = await callbackFor()
    const checks = {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    }
    const wrongSecret = await discover(stack.login.url, {
      client_id: SHOP.client_id,
      client_secret: "not-the-secret-0123456789",
    })
    await expect(
      client.authorizationCodeGrant(wrongSecret, callback, checks)
    ).rejects.toMatchObject(invalidClient)
    const noSecret = await discover(stack.login.url, SHOP, client.None())
    await expect(
      client.authorizationCodeGrant(noSecret, callback, checks)
    ).rejects.toMatchObject({
      error: "invalid_client",
      status: 401,
    })
    const otherClient = await discover(stack.login.url, OTHER_SHOP)
    await expect(
      client.authorizationCodeGrant(otherClient, callback, {
        ...checks,
        expectedState: request.state,
      })
    ).rejects.toMatchObject({ error: "invalid_grant" })

    // The code was not spent by the refused attempts: the right client still gets its tokens.
    const tokens = await client.authorizationCodeGrant(
      stack.config,
      callback,
      checks
    )
    expect(tokens.claims()?.email).toBe(JO)
  })
})

describe("RP-initiated logout", () => {
  test("ends the hosted session after confirmation and returns to a registered URI", async () => {
    const browser = new Browser()
    const request = await authorizationRequest(stack.config)
    const callback = await signInThroughPages(stack, browser, request.url)
    const tokens = await client.authorizationCodeGrant(stack.config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    })
    const endSession = client.buildEndSessionUrl(stack.config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: SHOP_HOME,
      state: "bye",
    })
    const confirm = await browser.follow(endSession.href, stack.login.url)
    const page = await confirm.response.text()
    expect(page).toContain("Sign out of Login with Link?")
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1]
    expect(xsrf).toBeTruthy()
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
    const done = await browser.post(
      new URL(action!, stack.login.url).href,
      stack.login.url,
      {
        xsrf: xsrf!,
        logout: "yes",
      }
    )
    const back = new URL(done.url)
    expect(back.origin + back.pathname).toBe(SHOP_HOME)
    expect(back.searchParams.get("state")).toBe("bye")

    // The next authorization asks for the email again.
    const again = await authorizationRequest(stack.config)
    const next = await browser.follow(again.url.href, stack.login.url)
    expect(new URL(next.url).pathname).toMatch(/^\/interaction\//)
    expect(await next.response.text()).toContain('name="email"')
  })

  test("refuses an unregistered post_logout_redirect_uri", async () => {
    const url = client.buildEndSessionUrl(stack.config, {
      post_logout_redirect_uri: "https://attacker.example/",
    })
    const response = await fetch(url, { redirect: "manual" })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain("post_logout_redirect_uri")
  })
})
