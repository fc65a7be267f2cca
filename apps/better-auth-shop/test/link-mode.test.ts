/**
 * Mode `link`: the shop's own forms on the @login-with-link/better-auth plugin, against a real
 * simulator, through the app's fetch handler: every step, coded errors in words, the challenge in
 * an httpOnly cookie (never in a page), bounded bodies, same-origin posts, return_to.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import {
  startSimulator,
  type RunningSimulator,
} from "@login-with-link/simulator"
import { startShop, type RunningShop } from "../src/index.js"
import { alertCode, attr, Browser } from "./browser.js"
import { SHOP_ORIGIN, shopOptions } from "./shop-options.js"

let link: RunningSimulator
/** Resend allowed at once (the resend journey). */
let shop: RunningShop
/** The default 30 s resend cooldown, served over https (as behind a TLS proxy). */
let strictShop: RunningShop
const HTTPS_ORIGIN = "https://shop.test"
let linkDown = false
const errors: unknown[] = []

/** The Link API, or a network failure while `linkDown`. */
const linkFetch: typeof fetch = (input, init) =>
  linkDown ? Promise.reject(new TypeError("fetch failed")) : fetch(input, init)

beforeAll(async () => {
  link = await startSimulator({
    port: 0,
    quiet: true,
    maxSendsPerHour: 1000,
    resendCooldownMs: 0,
    // Link's sign-up page may send people back to the shop.
    allowedReturnOrigins: [SHOP_ORIGIN],
  })
  const options = shopOptions({
    mode: "link",
    link: {
      publishableKey: "pk_test_shop",
      apiUrl: link.apiUrl,
      resendCooldown: 0,
    },
    linkFetch,
    logError: (_m, e) => errors.push(e),
  })
  ;[shop, strictShop] = await Promise.all([
    startShop(options),
    startShop({
      ...options,
      baseUrl: HTTPS_ORIGIN,
      link: { publishableKey: "pk_test_shop", apiUrl: link.apiUrl },
    }),
  ])
}, 120_000)

afterAll(async () => {
  await shop?.close()
  await strictShop?.close()
  await link?.close()
})

beforeEach(() => {
  linkDown = false
})

const browser = (target = shop) =>
  new Browser({
    origin: target === strictShop ? HTTPS_ORIGIN : SHOP_ORIGIN,
    fetch: target.fetch,
  })

/** Link calls so far (the simulator's count). */
async function linkCalls(): Promise<number> {
  const stats = (await (await fetch(`${link.url}/__control/stats`)).json()) as {
    total: number
  }
  return stats.total
}

/** The newest code texted for `email`. */
async function latestCode(email: string): Promise<string> {
  const outbox = (await (
    await fetch(`${link.url}/__dev/outbox?email=${encodeURIComponent(email)}`)
  ).json()) as { messages: { code: string }[] }
  return outbox.messages[0]!.code
}

/** Puts a new person on Link. */
async function newPerson(name: string, fullName = "Sam Rivera") {
  const email = `${name}-${Math.random().toString(36).slice(2, 10)}@example.com`
  const response = await fetch(`${link.url}/__control/people`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, phone: "+14155550123", fullName }),
  })
  expect(response.status).toBe(201)
  return email
}

const wrong = (right: string) => (right === "123456" ? "654321" : "123456")

/** Email step: posts the email; answers the page that follows. */
function startWith(
  b: Browser,
  email: string,
  returnTo = "/account",
  origin = SHOP_ORIGIN
) {
  return b.form(`${origin}/login`, { email, return_to: returnTo })
}

describe("mode link: the sign-in forms", () => {
  test("the email step is a plain form, and posts to the shop itself", async () => {
    const page = await browser().follow(
      `${SHOP_ORIGIN}/login?return_to=%2Fcart`
    )
    expect(page.response.status).toBe(200)
    expect(page.page).toContain('<form method="post" action="/login"')
    expect(page.page).toContain('name="return_to" value="/cart"')
    expect(page.page).not.toContain("<script")
  })

  test("a person signs in: email, code by text, account; the challenge stays in an httpOnly cookie", async () => {
    const b = browser()
    const email = await newPerson("signin", "Ana Lima")
    const code = await startWith(b, email)
    expect(code.url).toBe(`${SHOP_ORIGIN}/login/code`)
    expect(code.page).toMatch(
      /We texted a 6-digit code to\s*<strong><span class="phone" aria-hidden="true">•••• 23<\/span\s*><span class="visually-hidden">the phone number ending in 23<\/span><\/strong>/
    )
    const pending = b.cookie("shop.test", "pantry_link_signin")!
    expect(pending.line).toMatch(/HttpOnly/i)
    expect(pending.line).toMatch(/SameSite=Lax/i)
    expect(pending.line).toMatch(/Path=\//)
    // The sealed challenge is in the cookie, never in the page.
    const challenge = JSON.parse(
      decodeURIComponent(pending.value).replace(/\.[^.]+$/, "")
    ).challenge as string
    expect(challenge.length).toBeGreaterThan(40)
    expect(code.page).not.toContain(challenge)

    const done = await b.form(`${SHOP_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    expect(done.url).toBe(`${SHOP_ORIGIN}/account`)
    expect(done.page).toContain("Ana Lima")
    expect(done.page).toContain(email)
    expect(b.cookie("shop.test", "pantry_link_signin")).toBeUndefined()
    const session = b.cookie("shop.test", "better-auth.session_token")!
    expect(session.line).toMatch(/HttpOnly/i)
    expect(session.line).toMatch(/SameSite=Lax/i)

    const users = await shop.database.query<{
      name: string
      emailVerified: boolean
    }>(`select name, "emailVerified" from "user" where email = $1`, [email])
    // Link proves the phone, not the mailbox: not marked verified.
    expect(users).toEqual([{ name: "Ana Lima", emailVerified: false }])
  })

  test("a wrong code is explained with the tries left; the right one still signs in", async () => {
    const b = browser()
    const email = await newPerson("wrong")
    await startWith(b, email)
    const right = await latestCode(email)
    const refused = await b.form(`${SHOP_ORIGIN}/login/code`, {
      code: wrong(right),
    })
    expect(refused.response.status).toBe(401)
    expect(alertCode(refused.page)).toBe("invalid_code")
    expect(refused.page).toContain("That code is not right.")
    expect(refused.page).toContain('aria-invalid="true"')

    const done = await b.form(`${SHOP_ORIGIN}/login/code`, {
      code: `${right.slice(0, 3)} ${right.slice(3)}`,
    })
    expect(done.url).toBe(`${SHOP_ORIGIN}/account`)
  })

  test("a stranger who uses up a person's sends cannot keep them out of the browser they signed in on", async () => {
    const mine = browser()
    const email = await newPerson("known-device")
    await startWith(mine, email)
    await mine.form(`${SHOP_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    const device = mine.cookie("shop.test", "link_device")!
    expect(device.line).toMatch(/HttpOnly/i)
    expect(device.line).toMatch(/SameSite=Lax/i)
    expect(device.line).toMatch(/Max-Age=7776000/i)
    const out = await mine.form(`${SHOP_ORIGIN}/logout`, {})
    expect(out.url).toBe(`${SHOP_ORIGIN}/signed-out`)
    // Signing out keeps the device cookie: it is the browser's, not the session's.
    expect(mine.cookie("shop.test", "link_device")).toBeDefined()

    // A stranger types the email until the per-email send limit (3 an hour) refuses it.
    const stranger = browser()
    let refused = ""
    for (let i = 0; i < 6 && !refused; i++) {
      const page = await startWith(stranger, email)
      if (page.url.endsWith("/login")) refused = alertCode(page.page) ?? ""
    }
    expect(refused).toBe("rate_limited")
    // The person, on their own browser, still gets a code and signs in.
    const code = await startWith(mine, email)
    expect(code.url).toBe(`${SHOP_ORIGIN}/login/code`)
    const done = await mine.form(`${SHOP_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    expect(done.url).toBe(`${SHOP_ORIGIN}/account`)
  })

  test("too many wrong codes start over at the email step, and the cookie is gone", async () => {
    const b = browser()
    const email = await newPerson("guesser")
    await startWith(b, email)
    const right = await latestCode(email)
    let last = ""
    for (let i = 0; i < 10; i++) {
      const page = await b.form(`${SHOP_ORIGIN}/login/code`, {
        code: wrong(right),
      })
      last = alertCode(page.page) ?? ""
      if (last !== "invalid_code") {
        expect(page.page).toContain('action="/login"')
        expect(page.page).toContain(`value="${email}"`)
        break
      }
    }
    expect(last).toBe("too_many_attempts")
    expect(b.cookie("shop.test", "pantry_link_signin")).toBeUndefined()
  })

  test("'Send a new code' texts another one, says so, and the new code signs in", async () => {
    const b = browser()
    const email = await newPerson("resend")
    await startWith(b, email)
    const first = await latestCode(email)
    const resent = await b.form(`${SHOP_ORIGIN}/login/resend`, {})
    expect(resent.url).toBe(`${SHOP_ORIGIN}/login/code?resent=1`)
    expect(resent.page).toMatch(/We texted a new code to •••• 23\./)
    const second = await latestCode(email)
    expect(second).not.toBe(first)
    const done = await b.form(`${SHOP_ORIGIN}/login/code`, { code: second })
    expect(done.url).toBe(`${SHOP_ORIGIN}/account`)
  })

  test("'Send a new code' during the wait shows the wait, calm and once, sends nothing, and the first code still works", async () => {
    const b = browser(strictShop)
    const email = await newPerson("early")
    const code = await startWith(b, email, "/account", HTTPS_ORIGIN)
    expect(code.page).toMatch(/ask for a new code in \d+ seconds/)
    const before = await linkCalls()
    const early = await b.form(`${HTTPS_ORIGIN}/login/resend`, {})
    expect(early.response.status).toBe(200)
    // No alert: the wait is the answer, said once, in a status region.
    expect(alertCode(early.page)).toBeUndefined()
    expect(early.page).not.toContain("Too many tries")
    // As a screen reader reads it (the visible "•••• 23" is hidden from it).
    const status = /<p class="hint after wait" role="status">(.*?)<\/p>/s
      .exec(early.page)?.[1]
      ?.replace(/<span[^>]*aria-hidden="true"[^>]*>.*?<\/span\s*>/g, "")
      .replace(/<[^>]+>/g, "")
      .replace(/\s+/g, " ")
      .trim()
    expect(status).toMatch(
      /^You can ask for a new code in \d+ seconds\. The code we texted to the phone number ending in 23 still works\.$/
    )
    expect(early.page.match(/ask for a new code in/g)).toHaveLength(1)
    expect(await linkCalls()).toBe(before)
    // Pressed again and again: still nothing sent, nothing counted against the person.
    for (let i = 0; i < 6; i++)
      expect(
        (await b.form(`${HTTPS_ORIGIN}/login/resend`, {})).response.status
      ).toBe(200)
    expect(await linkCalls()).toBe(before)
    const done = await b.form(`${HTTPS_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    expect(done.url).toBe(`${HTTPS_ORIGIN}/account`)
  })

  test("over https the cookies are __Host- / __Secure- prefixed and Secure", async () => {
    const b = browser(strictShop)
    const email = await newPerson("https")
    await startWith(b, email, "/account", HTTPS_ORIGIN)
    expect(b.cookie("shop.test", "pantry_link_signin")).toBeUndefined()
    const pending = b.cookie("shop.test", "__Host-pantry_link_signin")!
    expect(pending.line).toMatch(/; Secure/i)
    expect(pending.line).toMatch(/Path=\//)
    expect(pending.line).not.toMatch(/Domain=/i)
    await b.form(`${HTTPS_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    const session = b.cookie("shop.test", "__Secure-better-auth.session_token")!
    expect(session.line).toMatch(/; Secure/i)
    expect(session.line).toMatch(/HttpOnly/i)
    expect(b.cookie("shop.test", "__Host-pantry_link_signin")).toBeUndefined()
  })

  test("an email not on Link is invited to sign up, comes back with the email filled in, and signs in", async () => {
    const b = browser()
    const email = `newcomer-${Math.random().toString(36).slice(2, 10)}@example.com`
    const invite = await startWith(b, email, "/cart")
    expect(invite.response.status).toBe(200)
    expect(invite.page).toContain("Sign up for Link to continue")
    expect(invite.page).toContain(`${email} isn't on Link yet`)
    const signupUrl = new URL(
      attr(invite.page, /<a class="button wide" href="([^"]+)"/)
    )
    expect(signupUrl.origin).toBe(link.url)
    expect(signupUrl.searchParams.get("email")).toBe(email)
    const back = new URL(signupUrl.searchParams.get("return_to")!)
    expect(back.origin + back.pathname).toBe(`${SHOP_ORIGIN}/login`)
    expect(back.searchParams.get("email")).toBe(email)
    expect(back.searchParams.get("return_to")).toBe("/cart")

    // Link's sign-up page: join, then back to the shop.
    const joined = await b.form(
      `${link.url}/signup`,
      {
        email,
        phone: "+14155550188",
        fullName: "Nia Newcomer",
        return_to: back.href,
      },
      link.url
    )
    expect(joined.url).toBe(back.href)
    expect(joined.page).toContain(`value="${email}"`)
    expect(joined.page).toContain('name="return_to" value="/cart"')

    await startWith(b, email, "/cart")
    const done = await b.form(`${SHOP_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    expect(done.url).toBe(`${SHOP_ORIGIN}/cart`)
    const account = await b.follow(`${SHOP_ORIGIN}/account`)
    expect(account.page).toContain("Nia Newcomer")
  })

  test("a bad email is refused in words before any Link call", async () => {
    const before = await linkCalls()
    for (const email of [
      "",
      "not-an-email",
      "a".repeat(400) + "@example.com",
    ]) {
      const page = await startWith(browser(), email)
      expect(page.response.status).toBe(400)
      expect(alertCode(page.page)).toBe("invalid_email")
      expect(page.page).toContain("That does not look like an email address.")
    }
    expect(await linkCalls()).toBe(before)
  })

  test("a garbage code is refused in words before any Link call", async () => {
    const b = browser()
    const email = await newPerson("garbage")
    await startWith(b, email)
    const before = await linkCalls()
    for (const code of ["", "12", "abcdef", "1".repeat(40)]) {
      const page = await b.form(`${SHOP_ORIGIN}/login/code`, { code })
      expect(page.response.status).toBeGreaterThanOrEqual(400)
      expect(page.response.status).toBeLessThan(500)
      expect(alertCode(page.page)).toBe("invalid_code")
    }
    expect(await linkCalls()).toBe(before)
  })

  test("the code step without a sign-in in progress, or with a forged cookie, starts over", async () => {
    const b = browser()
    const stranger = await b.form(`${SHOP_ORIGIN}/login/code`, {
      code: "123456",
    })
    expect(stranger.response.status).toBe(400)
    expect(alertCode(stranger.page)).toBe("signin_expired")
    const resend = await b.form(`${SHOP_ORIGIN}/login/resend`, {})
    expect(alertCode(resend.page)).toBe("signin_expired")
    const page = await b.follow(`${SHOP_ORIGIN}/login/code`)
    expect(page.url).toBe(`${SHOP_ORIGIN}/login`)

    const email = await newPerson("forger")
    await startWith(b, email)
    const cookie = b.cookie("shop.test", "pantry_link_signin")!
    b.jar.set("shop.test|pantry_link_signin", {
      ...cookie,
      value: cookie.value.replace(/%22email%22%3A%22/, "%22email%22%3A%22x"),
    })
    const forged = await b.form(`${SHOP_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    expect(alertCode(forged.page)).toBe("signin_expired")
  })

  test("Link being down is a 503 in words, and the same code works once it is back", async () => {
    const b = browser()
    const email = await newPerson("outage")
    await startWith(b, email)
    linkDown = true
    const down = await b.form(`${SHOP_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    expect(down.response.status).toBe(503)
    expect(alertCode(down.page)).toBe("link_unavailable")
    expect(down.page).toContain("Link is not answering right now.")
    linkDown = false
    const done = await b.form(`${SHOP_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    expect(done.url).toBe(`${SHOP_ORIGIN}/account`)
  })

  test("'Use a different email' forgets the sign-in in progress and keeps return_to", async () => {
    const b = browser()
    await startWith(b, await newPerson("restart"), "/cart")
    const restart = await b.go(`${SHOP_ORIGIN}/login/restart`)
    expect(restart.status).toBe(303)
    expect(restart.headers.get("location")).toBe("/login?return_to=%2Fcart")
    expect(b.cookie("shop.test", "pantry_link_signin")).toBeUndefined()
  })

  test("sign-out ends Better Auth's session", async () => {
    const b = browser()
    const email = await newPerson("leaver")
    await startWith(b, email)
    await b.form(`${SHOP_ORIGIN}/login/code`, { code: await latestCode(email) })
    const out = await b.form(`${SHOP_ORIGIN}/logout`, {})
    expect(out.url).toBe(`${SHOP_ORIGIN}/signed-out`)
    expect(out.page).toContain("You are signed out.")
    expect(b.cookie("shop.test", "better-auth.session_token")).toBeUndefined()
    const account = await b.go(`${SHOP_ORIGIN}/account`)
    expect(account.status).toBe(302)
    expect(account.headers.get("location")).toBe("/login?return_to=%2Faccount")
  })
})

describe("mode link: return_to", () => {
  test.each([
    ["/cart?item=3", "/cart?item=3"],
    ["//evil.example/x", "/account"],
    ["https://evil.example/", "/account"],
    ["/\\evil.example", "/account"],
    ["/login/..//evil.example", "/account"],
    ["/login/code", "/account"],
    ["/api/auth/sign-out", "/account"],
    ["javascript:alert(1)", "/account"],
  ])("%s goes to %s after sign-in", async (returnTo, expected) => {
    const b = browser()
    const email = await newPerson("return")
    await startWith(b, email, returnTo)
    const done = await b.form(`${SHOP_ORIGIN}/login/code`, {
      code: await latestCode(email),
    })
    expect(done.url).toBe(`${SHOP_ORIGIN}${expected}`)
  })
})
