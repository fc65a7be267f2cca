/**
 * The hosted pages, as a person meets them: email, code, wrong code, resend, sign-up invite,
 * expired interaction, consent for third-party shops only.
 */
import { describe, expect, test } from "vitest"
import { linkErrorCopy } from "@login-with-link/core"
import {
  Browser,
  JO,
  OTHER_SHOP,
  authorizationRequest,
  discover,
  formAction,
  hidden,
  alertText,
  tags,
  latestCode,
  useShopStack,
} from "./utils.js"

const stack = useShopStack({
  beforeEach: async (s) => {
    await fetch(`${s.link.url}/__control/reset`, { method: "POST" })
  },
})

/** Opens the hosted page for a fresh authorization request; returns the email step. */
async function open(shop = stack.config) {
  const browser = new Browser()
  const { url } = await authorizationRequest(
    shop,
    {},
    shop === stack.config ? undefined : OTHER_SHOP.redirect_uris[0]
  )
  const start = await browser.follow(url.href, stack.login.url)
  return { browser, page: await start.response.text(), url: start.url }
}

async function submitEmail(email: string) {
  const { browser, page, url } = await open()
  const step = await browser.post(
    new URL(formAction(page, "Continue"), stack.login.url).href,
    stack.login.url,
    { email }
  )
  return {
    browser,
    url,
    response: step.response,
    page: await step.response.text(),
  }
}

describe("email step", () => {
  test("shows a labelled email field, names the shop, and runs no script", async () => {
    const { page } = await open()
    expect(page).toContain('<label for="email">Email address</label>')
    expect(tags(page, "input")).toContainEqual(
      expect.objectContaining({
        id: "email",
        type: "email",
        autocomplete: "email",
      })
    )
    expect(page).toContain("Sign in to Test Shop")
    expect(page).not.toContain("<script")
  })

  test("a known email gets the code form with the redacted phone and a sealed challenge", async () => {
    const { page, response } = await submitEmail(JO)
    expect(alertText(page)).toBe("")
    expect(response.status).toBe(200)
    expect(page).toContain('<label for="code">6-digit code</label>')
    expect(tags(page, "input")).toContainEqual(
      expect.objectContaining({
        id: "code",
        autocomplete: "one-time-code",
        inputmode: "numeric",
      })
    )
    // Link's redacted phone, as people read it ("•••• 90").
    expect(page).toMatch(/•••• \d\d/)
    expect(page).toMatch(/the phone number ending in \d\d/)
    const challenge = hidden(page, "challenge")
    expect(challenge.split(".")).toHaveLength(5)
    expect(page).not.toContain(await latestCode(stack.link, JO))
  })

  test("an invalid email is refused with the provider's copy in the alert region", async () => {
    const { page, response } = await submitEmail("not-an-email")
    expect(response.status).toBe(400)
    expect(alertText(page)).toContain(linkErrorCopy.invalid_email.message)
    expect(tags(page, "input").find((i) => i.id === "email")).toMatchObject({
      "aria-invalid": "true",
      "aria-describedby": "form-error",
      value: "not-an-email",
    })
  })

  test("an email that is not on Link gets the sign-up invite, which returns to this page", async () => {
    const { page, url } = await submitEmail("new.person@example.com")
    expect(page).toMatch(/new\.person@example\.com isn't on Link yet/)
    expect(page).toContain(linkErrorCopy.signup_required.message)
    const href = tags(page, "a").find((a) => a.class === "button")?.href
    const signup = new URL(href!)
    expect(signup.origin).toBe(stack.link.url)
    expect(signup.searchParams.get("email")).toBe("new.person@example.com")
    expect(signup.searchParams.get("return_to")).toBe(url)
  })
})

describe("code step", () => {
  test("a wrong code keeps the code form, says so, and the right code still works", async () => {
    const { browser, page } = await submitEmail(JO)
    const action = new URL(formAction(page, "Verify"), stack.login.url).href
    const challenge = hidden(page, "challenge")
    const right = await latestCode(stack.link, JO)
    const wrong = right === "111111" ? "222222" : "111111"
    const failed = await browser.post(action, stack.login.url, {
      challenge,
      // Fields a page could forge are ignored: what is shown comes from the sealed challenge.
      email: "someone.else@evil.example",
      phone: "+1 call 555 evil",
      code: wrong,
    })
    const failedPage = await failed.response.text()
    expect(failed.response.status).toBe(400)
    expect(failedPage).toContain(JO)
    expect(failedPage).toMatch(/•••• \d\d/)
    expect(failedPage).not.toContain("evil")
    expect(alertText(failedPage)).toContain(linkErrorCopy.invalid_code.message)
    expect(failedPage).toContain('<label for="code">6-digit code</label>')
    expect(hidden(failedPage, "challenge")).toBe(challenge)

    const done = await browser.post(action, stack.login.url, {
      challenge,
      code: right.replace(/(\d{3})/, "$1 "),
    })
    expect(new URL(done.url).origin).not.toBe(stack.login.url)
    expect(new URL(done.url).searchParams.has("code")).toBe(true)
  })

  test("a tampered challenge sends the person back to the email step", async () => {
    const { browser, page } = await submitEmail(JO)
    const challenge = hidden(page, "challenge")
    const tampered =
      challenge.slice(0, -4) + (challenge.endsWith("AAAA") ? "BBBB" : "AAAA")
    const step = await browser.post(
      new URL(formAction(page, "Verify"), stack.login.url).href,
      stack.login.url,
      { challenge: tampered, code: await latestCode(stack.link, JO), email: JO }
    )
    const next = await step.response.text()
    expect(step.response.status).toBe(400)
    expect(next).toContain('<label for="email">Email address</label>')
    expect(alertText(next)).toMatch(/Start again with your email/)
  })

  test("'Send a new code' during the wait shows the wait, once and calmly; nothing is sent and the code form stays", async () => {
    const { browser, page } = await submitEmail(JO)
    const stats = async () =>
      (
        (await (await fetch(`${stack.link.url}/__control/stats`)).json()) as {
          total: number
        }
      ).total
    const before = await stats()
    const step = await browser.post(
      new URL(formAction(page, "Send a new code"), stack.login.url).href,
      stack.login.url,
      { challenge: hidden(page, "challenge") }
    )
    const next = await step.response.text()
    expect(step.response.status).toBe(200)
    expect(alertText(next)).toBe("")
    expect(next).not.toContain(linkErrorCopy.rate_limited.message)
    expect(next).toMatch(
      /role="status"[^>]*>\s*You can ask for a new code in \d+ seconds\. The code we sent to \+\d\*+\d\d still works\./
    )
    expect(next.match(/ask for a new code in/g)).toHaveLength(1)
    expect(next).toContain('<label for="code">6-digit code</label>')
    expect(await stats()).toBe(before)
  })

  test("a stale or foreign interaction gets a way back, not a crash", async () => {
    const response = await fetch(`${stack.login.url}/interaction/nope`)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain(
      "Go back to the shop and choose Sign in again."
    )
    const posted = await fetch(`${stack.login.url}/interaction/nope/code`, {
      method: "POST",
      body: new URLSearchParams({ code: "000000" }),
    })
    expect(posted.status).toBe(400)
  })
})

describe("consent", () => {
  test("is skipped for a first-party shop and asked of a third-party one", async () => {
    const other = await discover(stack.login.url, OTHER_SHOP)
    const { browser, page } = await open(other)
    const origin = stack.login.url
    const codeStep = await browser.post(
      new URL(formAction(page, "Continue"), origin).href,
      origin,
      {
        email: JO,
      }
    )
    const codePage = await codeStep.response.text()
    const consent = await browser.post(
      new URL(formAction(codePage, "Verify"), origin).href,
      origin,
      {
        challenge: hidden(codePage, "challenge"),
        code: await latestCode(stack.link, JO),
      }
    )
    const consentPage = await consent.response.text()
    expect(consentPage).toContain("Share your details with Third Party Shop?")
    const allowed = await browser.post(
      new URL(formAction(consentPage, "Allow"), origin).href,
      origin,
      {}
    )
    const callback = new URL(allowed.url)
    expect(callback.origin + callback.pathname).toBe(
      OTHER_SHOP.redirect_uris[0]
    )
    expect(callback.searchParams.has("code")).toBe(true)
  })

  test("a third-party consent can be cancelled: the shop gets access_denied and no code", async () => {
    const other = await discover(stack.login.url, OTHER_SHOP)
    const { browser, page } = await open(other)
    const origin = stack.login.url
    const codeStep = await browser.post(
      new URL(formAction(page, "Continue"), origin).href,
      origin,
      { email: JO }
    )
    const codePage = await codeStep.response.text()
    const consent = await browser.post(
      new URL(formAction(codePage, "Verify"), origin).href,
      origin,
      {
        challenge: hidden(codePage, "challenge"),
        code: await latestCode(stack.link, JO),
      }
    )
    const cancel = tags(await consent.response.text(), "a").find((a) =>
      a.href?.endsWith("/abort")
    )
    const back = await browser.follow(
      new URL(cancel!.href!, origin).href,
      origin
    )
    const callback = new URL(back.url)
    expect(callback.searchParams.get("error")).toBe("access_denied")
    expect(callback.searchParams.has("code")).toBe(false)
  })
})
