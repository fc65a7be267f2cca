/**
 * The hostile-input tests both server drivers of the form pass (`@login-with-link/next`'s and
 * `@login-with-link/better-auth/next`'s `linkSignIn`), played over this package's lists: bad
 * challenge cookies at verify, at resend and when the page renders, a missing cookie, forged
 * `previousState`s, a form from nowhere and hostile `callbackUrl`s. Each test file hands
 * {@link describeHostileForm} a driver: how to post a form and render the page with its app.
 * Needs vitest and `next/headers` mocked with `@login-with-link/test-helpers/next-headers`.
 *
 * @module
 */
import { describe, expect, it } from "vitest"
import { FORGED_FORM_STATES, type BadChallengeCookie } from "./hostile-form.js"
import {
  browserCookies,
  newBrowser,
  newRequest,
  plantCookie,
} from "./next-headers.js"

/** What the tests read of a driver's state. */
export interface HostileFormState {
  step: string
  email: string
  redactedPhone?: string
  signupUrl?: string
  seq: number
  alert?: { code: string }
}

/** What a driver answered a form with: the next state, or a redirect. */
export type HostileFormAnswer<S extends HostileFormState = HostileFormState> =
  { kind: "state"; state: S } | { kind: "redirect"; location: string }

/** The driver under test, with its app, as {@link describeHostileForm} plays it. */
export interface HostileFormDriver {
  /** Posts one form as a new request of the same browser. */
  post(
    fields: Record<string, string>,
    init?: {
      previous?: unknown
      referer?: string
      options?: {
        callbackUrl: { fallback: string; exclude: string[] }
      }
    }
  ): Promise<HostileFormAnswer>
  /** Renders the page as a new request (the driver called without a form). */
  render(): Promise<HostileFormState>
  /** The bad cookies (`badChallengeCookies()` for the app). */
  badCookies: BadChallengeCookie[]
  /** The person on Link who signs in. */
  person: { email: string; phone: string }
  /** The newest code Link texted to `email`. */
  code(email: string): string | Promise<string>
  /**
   * Called before a form with a bad cookie is posted; what it returns is called afterwards, and
   * asserts that Link was not asked on that cookie's behalf.
   */
  watchLink(): Promise<() => void | Promise<void>>
  /** The hostile callbackUrls (the shared `VARIANTS` and the driver's own). */
  callbackUrls: string[]
}

/** The state an answer must be. */
function stateOf(answer: HostileFormAnswer): HostileFormState {
  if (answer.kind !== "state")
    throw new Error(`expected a state, got a redirect to ${answer.location}`)
  return answer.state
}

/** Declares the hostile-input tests (vitest `describe`s) for `driver` in the calling test file. */
export function describeHostileForm(driver: HostileFormDriver): void {
  const { person } = driver

  describe.each(["verify", "resend"])(
    "%s with a bad challenge cookie",
    (intent) => {
      it.each(driver.badCookies)(
        "%s: %s, the email step, the cookie removed",
        async (_, make, code) => {
          const value = await make()
          newBrowser()
          plantCookie("link_signin", value)
          const linkUntouched = await driver.watchLink()
          const state = stateOf(await driver.post({ intent, code: "000000" }))
          expect(state).toMatchObject({
            step: "email",
            alert: { kind: "error", code, field: "email" },
          })
          // Nothing of another person's challenge is shown, and Link was not asked.
          expect(state.email).not.toBe("mallory@example.com")
          await linkUntouched()
          expect(browserCookies().has("link_signin")).toBe(false)
          // And a new start works at once.
          const again = stateOf(
            await driver.post({ intent: "start", email: person.email })
          )
          expect(again.step).toBe("code")
        }
      )

      it("missing: challenge_expired at the email step", async () => {
        const state = stateOf(await driver.post({ intent, code: "000000" }))
        expect(state).toMatchObject({
          step: "email",
          email: "",
          alert: { code: "challenge_expired" },
        })
      })
    }
  )

  describe("rendering with a bad cookie", () => {
    it.each(driver.badCookies)(
      "%s: the email step, nothing of it shown",
      async (_, make) => {
        const value = await make()
        newBrowser()
        plantCookie("link_signin", value)
        newRequest()
        const state = await driver.render()
        expect(state.step).toBe("email")
        expect(state.email).not.toBe("mallory@example.com")
      }
    )
  })

  describe("a forged previousState", () => {
    it.each(FORGED_FORM_STATES)(
      "%s: ignored; what is shown comes from the server",
      async (_, previous) => {
        await driver.post({ intent: "start", email: person.email })
        const sent = await driver.code(person.email)
        const state = stateOf(
          await driver.post(
            { intent: "verify", code: sent === "111111" ? "222222" : "111111" },
            { previous }
          )
        )
        expect(state).toMatchObject({
          step: "code",
          email: person.email,
          redactedPhone: person.phone,
        })
        expect(state.signupUrl).toBeUndefined()
        expect(Number.isSafeInteger(state.seq) && state.seq >= 1).toBe(true)
        expect(state.seq).toBeLessThanOrEqual(1_000_001)
      }
    )

    it("a form from nowhere (unknown intent, no fields) answers the current step", async () => {
      const state = stateOf(await driver.post({ intent: "drop-tables" }))
      expect(state).toMatchObject({ step: "email", seq: 1 })
    })
  })

  describe("hostile callbackUrls", () => {
    it.each(driver.callbackUrls)(
      "%j: signed in, sent to the fallback on the same origin",
      async (variant) => {
        await driver.post({
          intent: "start",
          email: person.email,
          callbackUrl: variant,
        })
        const answer = await driver.post(
          {
            intent: "verify",
            code: await driver.code(person.email),
            callbackUrl: variant,
          },
          {
            options: {
              callbackUrl: { fallback: "/account", exclude: ["/login"] },
            },
          }
        )
        expect(answer).toEqual({ kind: "redirect", location: "/account" })
      }
    )
  })
}
