/** `POST /oauth/auth/token` with grant_type=authorization_code: what it enforces. */
import { beforeEach, describe, expect, test } from "vitest"
import {
  DEV_CLIENT_ID,
  DEV_CLIENT_SECRET,
  OAUTH_MESSAGES,
} from "../src/index.js"
import {
  authorized,
  exchange,
  oauthErrorOf,
  pkce,
  tokenPost,
  OTHER_CLIENT,
} from "./oauth-utils.js"
import { BASE, LIVE_KEY, TEST_KEY, makeSimulator } from "./utils.js"

const sim = makeSimulator({ oauthClients: [OTHER_CLIENT] })
beforeEach(() => sim.reset())

async function expectError(
  res: Response,
  status: number,
  error: string,
  description: string
) {
  expect(res.status).toBe(status)
  expect(res.headers.get("cache-control")).toBe("no-store")
  expect(await oauthErrorOf(res)).toEqual({
    error,
    error_description: description,
  })
}

describe("the token endpoint", () => {
  test("HTTP Basic client authentication is refused with a message saying what to send", async () => {
    const { code, verifier } = await authorized(sim)
    const basic = Buffer.from(`${DEV_CLIENT_ID}:${DEV_CLIENT_SECRET}`).toString(
      "base64"
    )
    const res = await exchange(
      sim,
      code,
      verifier,
      { client_id: undefined, client_secret: undefined },
      { authorization: `Basic ${basic}` }
    )
    await expectError(res, 401, "invalid_client", OAUTH_MESSAGES.basicRefused)
    expect(res.headers.get("www-authenticate")).toBe(
      'Bearer realm="login.link.com"'
    )
  })

  test("a request without the Bearer publishable key is invalid_client", async () => {
    const { code, verifier } = await authorized(sim)
    const res = await exchange(
      sim,
      code,
      verifier,
      {},
      { authorization: undefined }
    )
    await expectError(res, 401, "invalid_client", OAUTH_MESSAGES.keyMissing)
  })

  test("a Bearer key that is not a publishable key is invalid_client", async () => {
    const { code, verifier } = await authorized(sim)
    const res = await exchange(
      sim,
      code,
      verifier,
      {},
      { authorization: "Bearer sk_test_123" }
    )
    await expectError(res, 401, "invalid_client", OAUTH_MESSAGES.keyUnknown)
  })

  test("a code is bound to the key of its authorization URL", async () => {
    const { code, verifier } = await authorized(sim)
    const res = await exchange(
      sim,
      code,
      verifier,
      {},
      { authorization: `Bearer ${LIVE_KEY}` }
    )
    await expectError(res, 400, "invalid_grant", OAUTH_MESSAGES.codeOtherKey)
  })

  test("a missing client_secret is invalid_client", async () => {
    const { code, verifier } = await authorized(sim)
    const res = await exchange(sim, code, verifier, {
      client_secret: undefined,
    })
    await expectError(res, 401, "invalid_client", OAUTH_MESSAGES.clientMissing)
  })

  test("a wrong client_secret is invalid_client", async () => {
    const { code, verifier } = await authorized(sim)
    const res = await exchange(sim, code, verifier, {
      client_secret: "shop_dev_secreT",
    })
    await expectError(res, 401, "invalid_client", OAUTH_MESSAGES.clientInvalid)
  })

  test("an unknown client_id is invalid_client", async () => {
    const { code, verifier } = await authorized(sim)
    const res = await exchange(sim, code, verifier, { client_id: "nobody" })
    await expectError(res, 401, "invalid_client", OAUTH_MESSAGES.clientInvalid)
  })

  test("a code issued to another client is invalid_grant", async () => {
    const { code, verifier } = await authorized(sim)
    const res = await exchange(sim, code, verifier, {
      client_id: OTHER_CLIENT.clientId,
      client_secret: OTHER_CLIENT.clientSecret,
    })
    await expectError(res, 400, "invalid_grant", OAUTH_MESSAGES.codeOtherClient)
  })

  test("a code another client tried stays usable by its own client", async () => {
    const { code, verifier } = await authorized(sim)
    await exchange(sim, code, verifier, {
      client_id: OTHER_CLIENT.clientId,
      client_secret: OTHER_CLIENT.clientSecret,
    })
    expect((await exchange(sim, code, verifier)).status).toBe(200)
  })

  test("a made-up code is invalid_grant", async () => {
    const res = await exchange(sim, "made-up", pkce().verifier)
    await expectError(res, 400, "invalid_grant", OAUTH_MESSAGES.codeInvalid)
  })

  test("a code_verifier that does not match the challenge is invalid_grant", async () => {
    const { code } = await authorized(sim)
    const res = await exchange(sim, code, pkce().verifier)
    await expectError(
      res,
      400,
      "invalid_grant",
      OAUTH_MESSAGES.verifierMismatch
    )
  })

  test("the challenge itself is not accepted as the verifier (plain is refused)", async () => {
    const { challenge } = pkce()
    const { code } = await authorized(sim, "jo@example.com", {
      code_challenge: challenge,
    })
    const res = await exchange(sim, code, challenge)
    await expectError(
      res,
      400,
      "invalid_grant",
      OAUTH_MESSAGES.verifierMismatch
    )
  })

  test("a code is spent by a failed exchange too: the right verifier afterwards is refused", async () => {
    const { code, verifier } = await authorized(sim)
    await exchange(sim, code, pkce().verifier)
    const res = await exchange(sim, code, verifier)
    await expectError(res, 400, "invalid_grant", OAUTH_MESSAGES.codeUsed)
  })

  test("a missing code_verifier is invalid_request", async () => {
    const { code } = await authorized(sim)
    const res = await exchange(sim, code, "", {})
    await expectError(
      res,
      400,
      "invalid_request",
      OAUTH_MESSAGES.missing("code_verifier")
    )
  })

  test("a code_verifier shorter than 43 characters is invalid_request", async () => {
    const { code } = await authorized(sim)
    const res = await exchange(sim, code, "a".repeat(42))
    await expectError(
      res,
      400,
      "invalid_request",
      OAUTH_MESSAGES.verifierFormat
    )
  })

  test("a redirect_uri that differs from the authorization request's is invalid_grant", async () => {
    const { code, verifier } = await authorized(sim)
    const res = await exchange(sim, code, verifier, {
      redirect_uri: "http://localhost:3001/api/auth/callback/link-oauth",
    })
    await expectError(
      res,
      400,
      "invalid_grant",
      OAUTH_MESSAGES.redirectUriMismatch
    )
  })

  test("a missing redirect_uri is invalid_request", async () => {
    const { code, verifier } = await authorized(sim)
    const res = await exchange(sim, code, verifier, { redirect_uri: undefined })
    await expectError(
      res,
      400,
      "invalid_request",
      OAUTH_MESSAGES.missing("redirect_uri")
    )
  })

  test("a missing grant_type is invalid_request", async () => {
    const res = await tokenPost(sim, "/oauth/auth/token", {})
    await expectError(
      res,
      400,
      "invalid_request",
      OAUTH_MESSAGES.grantTypeMissing
    )
  })

  test("an unknown grant_type is unsupported_grant_type", async () => {
    const res = await tokenPost(sim, "/oauth/auth/token", {
      grant_type: "password",
    })
    await expectError(
      res,
      400,
      "unsupported_grant_type",
      OAUTH_MESSAGES.grantTypeUnsupported
    )
  })

  test("a JSON body is invalid_request: RFC 6749 asks for a form", async () => {
    const res = await sim.fetch(
      new Request(`${BASE}/oauth/auth/token`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${TEST_KEY}`,
        },
        body: JSON.stringify({ grant_type: "authorization_code" }),
      })
    )
    await expectError(res, 400, "invalid_request", OAUTH_MESSAGES.contentType)
  })

  test("a parameter sent twice is invalid_request", async () => {
    const { code, verifier } = await authorized(sim)
    const body = `${new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://localhost:3000/api/auth/callback/link-oauth",
      code_verifier: verifier,
      client_id: DEV_CLIENT_ID,
      client_secret: DEV_CLIENT_SECRET,
    })}&code=${code}`
    const res = await sim.fetch(
      new Request(`${BASE}/oauth/auth/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Bearer ${TEST_KEY}`,
        },
        body,
      })
    )
    await expectError(
      res,
      400,
      "invalid_request",
      OAUTH_MESSAGES.repeated("code")
    )
  })

  test("a body over the limit is a 413 invalid_request", async () => {
    const res = await tokenPost(sim, "/oauth/auth/token", {
      grant_type: "authorization_code",
      code: "x".repeat(20_000),
    })
    await expectError(res, 413, "invalid_request", OAUTH_MESSAGES.bodyTooLarge)
  })

  test("an overlong parameter is invalid_request", async () => {
    const res = await tokenPost(sim, "/oauth/auth/token", {
      grant_type: "authorization_code",
      code: "x".repeat(3000),
    })
    await expectError(
      res,
      400,
      "invalid_request",
      OAUTH_MESSAGES.tooLong("code")
    )
  })

  test("GET on the token endpoint is a JSON 404", async () => {
    const res = await sim.fetch(new Request(`${BASE}/oauth/auth/token`))
    expect(res.status).toBe(404)
  })

  test("two exchanges of one code at once: exactly one gets tokens", async () => {
    const { code, verifier } = await authorized(sim)
    const answers = await Promise.all([
      exchange(sim, code, verifier),
      exchange(sim, code, verifier),
      exchange(sim, code, verifier),
    ])
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400, 400])
  })
})

describe("a client registered with its own publishable key", () => {
  const bound = makeSimulator({
    oauthClients: [
      {
        clientId: "shop_live",
        clientSecret: "live_secret_123",
        redirectUris: ["https://shop.example/api/auth/callback/link-oauth"],
        publishableKey: LIVE_KEY,
      },
    ],
  })
  beforeEach(() => bound.reset())
  const query = (key: string) =>
    new URLSearchParams({
      key,
      client_id: "shop_live",
      redirect_uri: "https://shop.example/api/auth/callback/link-oauth",
      response_type: "code",
      state: "s",
      code_challenge: pkce().challenge,
      code_challenge_method: "S256",
    })

  test("its own key opens the hosted page", async () => {
    const res = await bound.fetch(
      new Request(`${BASE}/oauth/auth?${query(LIVE_KEY)}`)
    )
    expect(res.status).toBe(200)
  })

  test("another key, even a test key, is unauthorized_client", async () => {
    const res = await bound.fetch(
      new Request(`${BASE}/oauth/auth?${query(TEST_KEY)}`)
    )
    const location = new URL(res.headers.get("location") ?? "")
    expect(location.searchParams.get("error")).toBe("unauthorized_client")
    expect(location.searchParams.get("error_description")).toBe(
      OAUTH_MESSAGES.keyNotClientsAuthorize
    )
  })

  test("another key on the token request is invalid_client", async () => {
    const res = await bound.fetch(
      new Request(`${BASE}/oauth/auth/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Bearer ${TEST_KEY}`,
        },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: "x",
          client_id: "shop_live",
          client_secret: "live_secret_123",
        }).toString(),
      })
    )
    await expectError(res, 401, "invalid_client", OAUTH_MESSAGES.keyNotClients)
  })
})
