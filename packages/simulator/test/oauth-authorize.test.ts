/** `GET /oauth/auth`: which requests show the page, which are refused where (RFC 6749 §4.1.2.1). */
import { beforeEach, describe, expect, test } from "vitest"
import { escapeHtml } from "../src/html.js"
import { HOSTED_MESSAGES, OAUTH_MESSAGES } from "../src/index.js"
import {
  REDIRECT_URI,
  authorizeGet,
  authorizeQuery,
  locationParams,
  pkce,
} from "./oauth-utils.js"
import { LIVE_KEY, makeSimulator } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())
const { challenge } = pkce()

function open(overrides: Record<string, string | undefined> = {}) {
  return authorizeGet(sim, authorizeQuery(challenge, overrides))
}

/** Expects a redirect back to the client with this error and the request's state. */
async function expectRedirectError(
  res: Response,
  error: string,
  description: string
) {
  expect(res.status).toBe(302)
  const location = res.headers.get("location") ?? ""
  expect(location.startsWith(`${REDIRECT_URI}?`)).toBe(true)
  const params = locationParams(res)
  expect(params.get("error")).toBe(error)
  expect(params.get("error_description")).toBe(description)
  expect(params.get("state")).toBe("state-123")
}

/** Expects a page that does not send the person anywhere. */
async function expectRefusalPage(res: Response, message: string) {
  expect(res.status).toBe(400)
  expect(res.headers.get("location")).toBeNull()
  expect(await res.text()).toContain(escapeHtml(message))
}

describe("the authorization request", () => {
  test("a valid request shows the email step", async () => {
    const res = await open()
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<form method="post" action="/oauth/auth">')
    expect(html).toContain('name="email" type="email"')
    expect(html).toContain(HOSTED_MESSAGES.intro("Dev shop"))
  })

  test("the hosted page binds the sign-in to the browser with an HttpOnly SameSite=Lax cookie", async () => {
    const res = await open()
    expect(res.headers.get("set-cookie")).toMatch(
      /^link_sim_oauth=[A-Za-z0-9_-]{43}; Path=\/oauth; HttpOnly; SameSite=Lax$/
    )
  })

  test("the hosted page may not be framed, and its forms may only go to itself and the client", async () => {
    const res = await open()
    expect(res.headers.get("x-frame-options")).toBe("DENY")
    expect(res.headers.get("content-security-policy")).toContain(
      "form-action 'self' http://localhost:3000;"
    )
  })

  test("a missing client_id shows a page and redirects nowhere", async () => {
    await expectRefusalPage(
      await open({ client_id: undefined }),
      HOSTED_MESSAGES.clientMissing
    )
  })

  test("an unknown client_id shows a page and redirects nowhere", async () => {
    await expectRefusalPage(
      await open({ client_id: "nobody" }),
      HOSTED_MESSAGES.clientUnknown
    )
  })

  test("a missing redirect_uri shows a page and redirects nowhere", async () => {
    await expectRefusalPage(
      await open({ redirect_uri: undefined }),
      HOSTED_MESSAGES.redirectMissing
    )
  })

  test.each([
    ["another site", "https://evil.example/api/auth/callback/link-oauth"],
    ["another path", "http://localhost:3000/api/auth/callback/other"],
    ["a trailing slash", `${REDIRECT_URI}/`],
    ["an added query", `${REDIRECT_URI}?next=/`],
    ["another scheme", "https://localhost:3000/api/auth/callback/link-oauth"],
    ["user info", "http://evil@localhost:3000/api/auth/callback/link-oauth"],
    ["a loopback look-alike", "http://localhost.evil.example:3000/callback"],
  ])(
    "a redirect_uri with %s is not the registered one: a page, no redirect",
    async (_, redirectUri) => {
      await expectRefusalPage(
        await open({ redirect_uri: redirectUri }),
        HOSTED_MESSAGES.redirectRefused
      )
    }
  )

  test("a registered loopback redirect_uri matches on any port", async () => {
    const res = await open({
      redirect_uri: "http://127.0.0.1:54321/api/auth/callback/link-oauth",
    })
    expect(res.status).toBe(200)
  })

  test("a redirect_uri given twice shows a page and redirects nowhere", async () => {
    const query = `${authorizeQuery(challenge)}&redirect_uri=${encodeURIComponent("https://evil.example/cb")}`
    await expectRefusalPage(
      await authorizeGet(sim, query),
      HOSTED_MESSAGES.repeated("redirect_uri")
    )
  })

  test("PKCE is required: no code_challenge is invalid_request, sent back to the client", async () => {
    await expectRedirectError(
      await open({ code_challenge: undefined }),
      "invalid_request",
      OAUTH_MESSAGES.pkceMissing
    )
  })

  test("a code_challenge without code_challenge_method (plain, by RFC 7636) is refused", async () => {
    await expectRedirectError(
      await open({ code_challenge_method: undefined }),
      "invalid_request",
      OAUTH_MESSAGES.pkceMissing
    )
  })

  test("code_challenge_method plain is refused", async () => {
    await expectRedirectError(
      await open({ code_challenge_method: "plain" }),
      "invalid_request",
      OAUTH_MESSAGES.pkcePlain
    )
  })

  test("a code_challenge that is not a base64url SHA-256 is refused", async () => {
    await expectRedirectError(
      await open({ code_challenge: "short" }),
      "invalid_request",
      OAUTH_MESSAGES.pkceFormat
    )
  })

  test("response_type other than code is unsupported_response_type", async () => {
    await expectRedirectError(
      await open({ response_type: "token" }),
      "unsupported_response_type",
      OAUTH_MESSAGES.responseType
    )
  })

  test("a missing publishable key is invalid_request", async () => {
    await expectRedirectError(
      await open({ key: undefined }),
      "invalid_request",
      OAUTH_MESSAGES.keyMissingAuthorize
    )
  })

  test("a key that is not a publishable key is unauthorized_client", async () => {
    await expectRedirectError(
      await open({ key: "sk_test_secret" }),
      "unauthorized_client",
      OAUTH_MESSAGES.keyUnknownAuthorize
    )
  })

  test("a configured live key is accepted for the dev client", async () => {
    expect((await open({ key: LIVE_KEY })).status).toBe(200)
  })

  test("an unknown scope is invalid_scope", async () => {
    await expectRedirectError(
      await open({ scope: "userinfo:read admin" }),
      "invalid_scope",
      OAUTH_MESSAGES.scopeUnknown("admin")
    )
  })

  test("scopes may be comma-separated", async () => {
    expect(
      (await open({ scope: "userinfo:read,payment_methods.agentic" })).status
    ).toBe(200)
  })

  test("another parameter given twice is invalid_request", async () => {
    await expectRedirectError(
      await authorizeGet(sim, `${authorizeQuery(challenge)}&scope=openid`),
      "invalid_request",
      OAUTH_MESSAGES.repeated("scope")
    )
  })

  test("unknown extra parameters are ignored", async () => {
    expect(
      (await authorizeGet(sim, `${authorizeQuery(challenge)}&prompt=login`))
        .status
    ).toBe(200)
  })

  test("an error redirect keeps a query the registered redirect_uri has", async () => {
    const withQuery = makeSimulator({
      oauthDevRedirectUris: ["http://localhost:*/cb?tenant=7"],
    })
    const res = await authorizeGet(
      withQuery,
      authorizeQuery(challenge, {
        redirect_uri: "http://localhost:4000/cb?tenant=7",
        response_type: "token",
      })
    )
    expect(res.headers.get("location")).toMatch(
      /^http:\/\/localhost:4000\/cb\?tenant=7&error=unsupported_response_type&/
    )
  })

  test("without state, the error redirect carries none", async () => {
    const res = await open({ state: undefined, response_type: "token" })
    expect(locationParams(res).has("state")).toBe(false)
  })
})

describe("a client registered with an exact redirect URI", () => {
  const exact = makeSimulator({
    oauthClients: [
      {
        clientId: "shop_exact",
        clientSecret: "exact_secret_123",
        redirectUris: ["https://shop.example/auth/callback"],
      },
    ],
  })
  beforeEach(() => exact.reset())
  const openExact = (redirectUri: string) =>
    authorizeGet(
      exact,
      authorizeQuery(challenge, {
        client_id: "shop_exact",
        redirect_uri: redirectUri,
      })
    )

  test("the registered URI opens the hosted page", async () => {
    expect((await openExact("https://shop.example/auth/callback")).status).toBe(
      200
    )
  })

  test.each([
    ["a longer path", "https://shop.example/auth/callback/evil"],
    ["a trailing slash", "https://shop.example/auth/callback/"],
    ["an added query", "https://shop.example/auth/callback?x=1"],
    ["an explicit port", "https://shop.example:443/auth/callback"],
    ["a port", "https://shop.example:8443/auth/callback"],
    ["a longer host", "https://shop.example.evil.example/auth/callback"],
    ["upper case", "https://SHOP.example/auth/callback"],
  ])("%s is refused with a page", async (_, redirectUri) => {
    const res = await openExact(redirectUri)
    expect(res.status).toBe(400)
    expect(res.headers.get("location")).toBeNull()
  })
})
