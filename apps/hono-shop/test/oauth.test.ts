/**
 * Mode `oauth`: the Corner Store signs in through Link's own OAuth page (login.link.com, served by
 * the simulator), with openid-client in plain OAuth 2 mode: the authorization request, the token
 * call the simulator only answers with the publishable key as a bearer and the client credentials
 * in the body, the profile from userinfo, and every failure as a page in words.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import {
  authorizeAtLink,
  type AtLink,
} from "@login-with-link/test-helpers/link"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import { startShop, type RunningShop } from "../src/index.js"
import { Browser } from "./utils.js"

const SECRET = "hono-shop-oauth-test-secret-0123456789abcdef"
let link: RunningSimulator
let shop: RunningShop
const errors: unknown[] = []

beforeAll(async () => {
  link = await startSimulator({ port: 0, quiet: true, maxSendsPerHour: 1000 })
  shop = await startShop({
    mode: "oauth",
    oauth: {
      // The simulator's development client and a test key it accepts.
      clientId: "shop_dev",
      clientSecret: "shop_dev_secret",
      publishableKey: "pk_test_sim",
      loginUrl: link.oauthUrl,
      apiUrl: link.oauthUrl,
    },
    sessionSecret: SECRET,
    logError: (_m, e) => errors.push(e),
  })
})
beforeEach(async () => {
  await fetch(`${link.url}/__control/reset`, { method: "POST" })
  errors.length = 0
})
afterAll(async () => {
  await shop?.close()
  await link?.close()
})

/** Starts a sign-in at the shop; answers the authorization URL it redirected to. */
async function startSignIn(browser: Browser, returnTo = "/account") {
  const login = await browser.go(
    `${shop.url}/login?return_to=${encodeURIComponent(returnTo)}`
  )
  expect(login.status).toBe(302)
  return new URL(login.headers.get("location")!)
}

/** Link's page, done by the simulator's control shortcut: where it sends the person back. */
const atLink = (authorizationUrl: URL, person: AtLink) =>
  authorizeAtLink(link.url, authorizationUrl, person)

async function fault(route: string, kind: string, extra = {}) {
  const response = await fetch(`${link.url}/__control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ route, kind, ...extra }),
  })
  expect(response.status).toBe(201)
}

async function stats() {
  const response = await fetch(`${link.url}/__control/stats`)
  return ((await response.json()) as { calls: Record<string, number> }).calls
}

/** The shop's session, as its signed cookie holds it. */
function session(browser: Browser) {
  const key = [...browser.jar.keys()].find((k) => k.endsWith("|shop_session"))
  if (!key) return undefined
  const [value] = decodeURIComponent(browser.jar.get(key)!).split(".")
  return JSON.parse(Buffer.from(value!, "base64url").toString()) as {
    sub: string
    email: string
    emailVerified: boolean
    name?: string
  }
}

describe("mode oauth: Link's own OAuth page", () => {
  test("sign-in goes to Link with the publishable key, PKCE S256 and state, and no secret", async () => {
    const url = await startSignIn(new Browser())
    expect(url.origin + url.pathname).toBe(`${link.oauthUrl}/auth`)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      key: "pk_test_sim",
      client_id: "shop_dev",
      redirect_uri: `${shop.url}/callback`,
      response_type: "code",
      scope: "userinfo:read",
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: "S256",
      state: expect.stringMatching(/^[\w-]{43}$/),
    })
    expect(url.href).not.toContain("shop_dev_secret")
  })

  test("a person signs in: the account page shows them, keyed on Link's id, email not claimed verified; two calls to Link", async () => {
    const browser = new Browser()
    const back = await atLink(await startSignIn(browser), {
      email: "jo@example.com",
    })
    const before = await stats()
    const done = await browser.follow(back)
    expect(done.url).toBe(`${shop.url}/account`)
    expect(done.page).toContain("jo@example.com")
    expect(done.page).toContain("Jo Doe")
    expect(session(browser)).toMatchObject({
      sub: expect.stringMatching(/^usr_[0-9a-f]{24}$/),
      email: "jo@example.com",
      emailVerified: false,
      name: "Jo Doe",
    })
    const after = await stats()
    // The code exchange and the profile: the protocol's minimum.
    expect((after.token ?? 0) - (before.token ?? 0)).toBe(1)
    expect((after.userinfo ?? 0) - (before.userinfo ?? 0)).toBe(1)
    expect(errors).toEqual([])
  })

  test("the same person gets the same id at every sign-in", async () => {
    const subs: string[] = []
    for (let i = 0; i < 2; i++) {
      const browser = new Browser()
      await browser.follow(
        await atLink(await startSignIn(browser), { email: "sam@example.com" })
      )
      subs.push(session(browser)!.sub)
    }
    expect(subs[0]).toBe(subs[1])
  })

  test("a forged state, a replayed callback and a declined sign-in are pages in words, with no session", async () => {
    const browser = new Browser()
    const back = new URL(
      await atLink(await startSignIn(browser), { email: "jo@example.com" })
    )
    const forged = new URL(back)
    forged.searchParams.set("state", "not-the-state")
    const failed = await browser.follow(forged.href)
    expect(failed.response.status).toBe(400)
    expect(failed.page).toContain("Sign-in failed")
    expect(session(browser)).toBeUndefined()
    // The sign-in cookie was used up: the real callback now has nothing to check against.
    const replay = await browser.follow(back.href)
    expect(replay.response.status).toBe(400)
    expect(replay.page).toContain("Sign-in expired")
    expect(session(browser)).toBeUndefined()

    const declined = new Browser()
    const cancelled = await declined.follow(
      await atLink(await startSignIn(declined), { decline: true })
    )
    expect(cancelled.response.status).toBe(400)
    expect(cancelled.page).toContain("Sign-in cancelled")
    expect(session(declined)).toBeUndefined()
    errors.length = 0
  })

  test.each([
    ["token", "oauth_error", {}],
    ["token", "malformed", {}],
    ["userinfo", "no_email", {}],
    ["userinfo", "no_id", {}],
    ["userinfo", "status", { status: 500 }],
    ["userinfo", "html", {}],
  ])(
    "Link's %s failing (%s) is a page in words, logged, with no session",
    async (route, kind, extra) => {
      const browser = new Browser()
      const back = await atLink(await startSignIn(browser), {
        email: "jo@example.com",
      })
      await fault(route, kind, extra)
      const done = await browser.follow(back)
      expect(done.response.status).toBe(400)
      expect(done.page).toContain("Sign-in failed")
      expect(done.page).not.toMatch(/at \w+ \(|shop_dev_secret|liwl/)
      expect(session(browser)).toBeUndefined()
      expect(errors).toHaveLength(1)
    }
  )

  test("sign-out ends the shop's session and comes back to the shop (Link keeps no session of ours)", async () => {
    const browser = new Browser()
    await browser.follow(
      await atLink(await startSignIn(browser), { email: "jo@example.com" })
    )
    expect(session(browser)).toBeDefined()
    const out = await browser.go(`${shop.url}/logout`, {
      method: "POST",
      headers: {
        origin: shop.url,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    })
    expect(out.status).toBe(303)
    expect(out.headers.get("location")).toBe("/signed-out")
    expect(session(browser)).toBeUndefined()
  })
})
