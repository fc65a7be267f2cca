/** `POST /oauth/auth`: the hosted page's steps, from the email to the redirect with a code. */
import { beforeEach, describe, expect, test } from "vitest"
import { escapeHtml } from "../src/html.js"
import { HOSTED_MESSAGES, OAUTH_MESSAGES, redactPhone } from "../src/index.js"
import {
  REDIRECT_URI,
  authorizeGet,
  authorizeQuery,
  codeSent,
  locationParams,
  openPage,
  pkce,
  postPage,
} from "./oauth-utils.js"
import { BASE, makeSimulator, wrongCode } from "./utils.js"

const sim = makeSimulator()
beforeEach(() => sim.reset())

async function page() {
  return openPage(sim, pkce().challenge)
}

const shows = async (res: Response, message: string) =>
  expect(await res.text()).toContain(escapeHtml(message))

describe("the hosted page", () => {
  test("an email on Link gets a six-digit code in the SMS outbox and the code step", async () => {
    const browser = await page()
    const res = await browser.post({
      intent: "email",
      email: " Jo@Example.com ",
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(
      HOSTED_MESSAGES.codeSent(redactPhone("+353871234590"))
    )
    expect(html).toContain('autocomplete="one-time-code"')
    expect(sim.state.outbox.latestCode("jo@example.com")).toMatch(/^\d{6}$/)
  })

  test("the right code redirects to the client with code and state", async () => {
    const { browser, smsCode } = await codeSent(sim)
    const res = await browser.post({ intent: "code", code: smsCode })
    expect(res.status).toBe(303)
    expect(
      res.headers.get("location")?.startsWith(`${REDIRECT_URI}?code=`)
    ).toBe(true)
    const params = locationParams(res)
    expect(params.get("code")).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(params.get("state")).toBe("state-123")
  })

  test("the code may be typed with spaces", async () => {
    const { browser, smsCode } = await codeSent(sim)
    const spaced = `${smsCode.slice(0, 3)} ${smsCode.slice(3)}`
    expect((await browser.post({ intent: "code", code: spaced })).status).toBe(
      303
    )
  })

  test("pressing Enter in the code field (no intent) submits the code", async () => {
    const { browser, smsCode } = await codeSent(sim)
    expect((await browser.post({ code: smsCode })).status).toBe(303)
  })

  test("an email that is not on Link gets the sign-up invite, and no code is sent", async () => {
    const browser = await page()
    const res = await browser.post({
      intent: "email",
      email: "new@example.com",
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(
      escapeHtml(HOSTED_MESSAGES.notOnLink("new@example.com"))
    )
    expect(html).toContain(HOSTED_MESSAGES.signUp)
    expect(sim.state.outbox.list()).toEqual([])
  })

  test("the sign-up invite comes back to this authorization request after signing up", async () => {
    const browser = await page()
    const html = await (
      await browser.post({ intent: "email", email: "new@example.com" })
    ).text()
    const href = /href="(\/signup\?[^"]+)"/
      .exec(html)?.[1]
      ?.replaceAll("&amp;", "&")
    expect(href).toBeDefined()
    const returnTo =
      new URL(`${BASE}${href}`).searchParams.get("return_to") ?? ""
    expect(returnTo.startsWith(`${BASE}/oauth/auth?`)).toBe(true)
    const signUp = await sim.fetch(
      new Request(`${BASE}/signup`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          email: "new@example.com",
          phone: "+14155550199",
          return_to: returnTo,
        }).toString(),
      })
    )
    expect(signUp.status).toBe(303)
    expect(signUp.headers.get("location")).toBe(returnTo)
  })

  test("an address that is not an email is shown again with the error", async () => {
    const browser = await page()
    const res = await browser.post({ intent: "email", email: "jo" })
    expect(res.status).toBe(400)
    await shows(res, HOSTED_MESSAGES.badEmail)
  })

  test("a wrong code says how many tries are left", async () => {
    const { browser, smsCode } = await codeSent(sim)
    const res = await browser.post({ intent: "code", code: wrongCode(smsCode) })
    expect(res.status).toBe(400)
    await shows(res, HOSTED_MESSAGES.wrongCode(4))
  })

  test("a code that is not six digits is refused without counting as a try", async () => {
    const { browser, smsCode } = await codeSent(sim)
    const res = await browser.post({ intent: "code", code: "12ab" })
    await shows(res, HOSTED_MESSAGES.badCode)
    const next = await browser.post({
      intent: "code",
      code: wrongCode(smsCode),
    })
    await shows(next, HOSTED_MESSAGES.wrongCode(4))
  })

  test("after five wrong codes the sign-in fails, and even the right code no longer works", async () => {
    const { browser, smsCode } = await codeSent(sim)
    for (let i = 0; i < 4; i++)
      await browser.post({ intent: "code", code: wrongCode(smsCode) })
    const fifth = await browser.post({
      intent: "code",
      code: wrongCode(smsCode),
    })
    await shows(fifth, HOSTED_MESSAGES.tooManyAttempts)
    const right = await browser.post({ intent: "code", code: smsCode })
    expect(right.status).toBe(400)
    await shows(right, HOSTED_MESSAGES.tooManyAttempts)
  })

  test("a failed sign-in offers to start over with the same authorization request", async () => {
    const { browser, smsCode } = await codeSent(sim)
    let res: Response | undefined
    for (let i = 0; i < 5; i++)
      res = await browser.post({ intent: "code", code: wrongCode(smsCode) })
    const html = (await res?.text()) ?? ""
    expect(html).toMatch(
      /<a href="\/oauth\/auth\?[^"]*client_id=shop_dev[^"]*">Start over<\/a>/
    )
  })

  test("a code has expired after codeTtlMs (10 minutes)", async () => {
    const { browser, smsCode } = await codeSent(sim)
    sim.state.clock.advance(10 * 60_000)
    const res = await browser.post({ intent: "code", code: smsCode })
    expect(res.status).toBe(400)
    await shows(res, HOSTED_MESSAGES.codeExpired)
  })

  test("a new code is sent on request, and only the newest works", async () => {
    const { browser, smsCode } = await codeSent(sim)
    sim.state.clock.advance(30_000)
    const res = await browser.post({ intent: "resend" })
    expect(res.status).toBe(200)
    const newest = sim.state.outbox.latestCode("jo@example.com") ?? ""
    expect(newest).not.toBe(smsCode)
    if (newest !== smsCode) {
      const old = await browser.post({ intent: "code", code: smsCode })
      expect(old.status).toBe(400)
    }
    expect((await browser.post({ intent: "code", code: newest })).status).toBe(
      303
    )
  })

  test("a new code within the resend cooldown is refused with the seconds to wait", async () => {
    const { browser } = await codeSent(sim)
    sim.state.clock.advance(10_000)
    const res = await browser.post({ intent: "resend" })
    expect(res.status).toBe(429)
    await shows(res, HOSTED_MESSAGES.resendWait(20))
    expect(sim.state.outbox.list("jo@example.com")).toHaveLength(1)
  })

  test("more codes than the hourly cap are refused", async () => {
    for (let i = 0; i < 5; i++) await codeSent(sim)
    const browser = await page()
    const res = await browser.post({ intent: "email", email: "jo@example.com" })
    expect(res.status).toBe(429)
    await shows(res, HOSTED_MESSAGES.sendCap(3600))
  })

  test("Cancel sends the person back with error=access_denied and the state", async () => {
    const browser = await page()
    const res = await browser.post({ intent: "cancel" })
    expect(res.status).toBe(303)
    const params = locationParams(res)
    expect(params.get("error")).toBe("access_denied")
    expect(params.get("error_description")).toBe(OAUTH_MESSAGES.declined)
    expect(params.get("state")).toBe("state-123")
    expect(params.has("code")).toBe(false)
  })

  test("Cancel on the code step also declines", async () => {
    const { browser } = await codeSent(sim)
    const res = await browser.post({ intent: "cancel" })
    expect(locationParams(res).get("error")).toBe("access_denied")
  })

  test("a cancelled sign-in cannot be finished afterwards", async () => {
    const { browser, smsCode } = await codeSent(sim)
    await browser.post({ intent: "cancel" })
    const res = await browser.post({ intent: "code", code: smsCode })
    expect(res.status).toBe(400)
    await shows(res, HOSTED_MESSAGES.signInGone)
  })

  test("a finished sign-in cannot be finished twice", async () => {
    const { browser, smsCode } = await codeSent(sim)
    await browser.post({ intent: "code", code: smsCode })
    const res = await browser.post({ intent: "code", code: smsCode })
    expect(res.status).toBe(400)
    await shows(res, HOSTED_MESSAGES.signInGone)
  })

  test("Use another email goes back to the email step", async () => {
    const { browser } = await codeSent(sim)
    const res = await browser.post({ intent: "restart" })
    expect(await res.text()).toContain('name="email" type="email"')
  })

  test("a form posted from another site is refused", async () => {
    const browser = await page()
    const res = await browser.post(
      { intent: "email", email: "jo@example.com" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" }
    )
    expect(res.status).toBe(403)
    await shows(res, HOSTED_MESSAGES.crossSite)
    expect(sim.state.outbox.list()).toEqual([])
  })

  test("a form without the browser's cookie is refused", async () => {
    const browser = await page()
    const res = await postPage(sim, {
      request: browser.request,
      intent: "email",
      email: "jo@example.com",
    })
    expect(res.status).toBe(400)
    await shows(res, HOSTED_MESSAGES.signInGone)
  })

  test("a sign-in started in another browser is refused", async () => {
    const mine = await page()
    const theirs = await page()
    const res = await postPage(
      sim,
      { request: theirs.request, intent: "cancel" },
      { cookie: "link_sim_oauth=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }
    )
    expect(res.status).toBe(400)
    expect(mine.request).not.toBe(theirs.request)
  })

  test("an unknown request id is refused", async () => {
    const browser = await page()
    const res = await postPage(
      sim,
      { request: "made-up", intent: "email", email: "jo@example.com" },
      { cookie: browser.cookie }
    )
    expect(res.status).toBe(400)
  })

  test("a sign-in left open for 30 minutes has expired", async () => {
    const browser = await page()
    sim.state.clock.advance(30 * 60_000)
    const res = await browser.post({ intent: "email", email: "jo@example.com" })
    expect(res.status).toBe(400)
    await shows(res, HOSTED_MESSAGES.signInGone)
  })

  test("the same browser keeps its cookie across sign-ins", async () => {
    const first = await page()
    const second = await authorizeGet(sim, authorizeQuery(pkce().challenge), {
      cookie: first.cookie,
    })
    expect(second.headers.get("set-cookie") ?? "").toContain(first.cookie)
  })

  test("a body over the limit is refused before it is read", async () => {
    const browser = await page()
    const res = await browser.post({
      intent: "email",
      email: "x".repeat(20_000),
    })
    expect(res.status).toBe(413)
  })

  test("what the client and the person typed is escaped on the page", async () => {
    const browser = await page()
    const res = await browser.post({
      intent: "email",
      email: '"><script>x</script>',
    })
    const html = await res.text()
    expect(html).not.toContain("<script>x</script>")
    expect(html).toContain("&quot;&gt;&lt;script&gt;")
  })

  test("the test-mode code 000000 works with a pk_test_ key, as on the Link API", async () => {
    const { browser } = await codeSent(sim)
    expect(
      (await browser.post({ intent: "code", code: "000000" })).status
    ).toBe(303)
  })
})
