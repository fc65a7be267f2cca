import { describe, expect, it } from "vitest"
import { LINK_SIGN_IN_CODES } from "../src/codes.js"
import { linkErrorCopy, linkErrorText } from "../src/copy.js"
import { LinkSignInError } from "../src/errors.js"

describe("linkErrorText: the one place the numbers are written", () => {
  it("gives the message, then the numbers, then the action", () => {
    expect(linkErrorText("invalid_code", { attemptsLeft: 2 })).toBe(
      "That code is not right. You have 2 tries left. Check the text message and enter the 6-digit code again."
    )
    expect(linkErrorText("invalid_code", { attemptsLeft: 1 })).toBe(
      "That code is not right. You have 1 try left. Check the text message and enter the 6-digit code again."
    )
    expect(linkErrorText("rate_limited", { retryAfter: 45 })).toBe(
      "Too many tries in a short time. Try again in 45 seconds."
    )
  })

  it("says a wait once: beside a known wait, our action drops its own 'wait'; an app's action stays", () => {
    expect(
      linkErrorText("rate_limited", { retryAfter: 45, part: "action" })
    ).toBe("")
    expect(linkErrorText("rate_limited", { part: "action" })).toBe(
      "Wait a moment, then try again."
    )
    expect(
      linkErrorText("too_many_attempts", { retryAfter: 300, part: "action" })
    ).toBe("Then start again with your email.")
    expect(
      linkErrorText("rate_limited", {
        retryAfter: 45,
        copy: { action: "Réessayez plus tard." },
      })
    ).toBe(
      "Too many tries in a short time. Try again in 45 seconds. Réessayez plus tard."
    )
  })

  it("writes a wait in seconds, minutes and hours, rounding up", () => {
    const wait = (retryAfter: number) =>
      linkErrorText("rate_limited", { retryAfter, part: "detail" })
    expect(wait(1)).toBe("Try again in 1 second.")
    expect(wait(0.2)).toBe("Try again in 1 second.")
    expect(wait(60)).toBe("Try again in 1 minute.")
    expect(wait(65)).toBe("Try again in 1 minute 5 seconds.")
    expect(wait(130)).toBe("Try again in 2 minutes 10 seconds.")
    expect(wait(3600)).toBe("Try again in 1 hour.")
    expect(wait(6 * 3600 - 30)).toBe("Try again in 6 hours.")
    expect(wait(2 * 3600 + 61)).toBe("Try again in 2 hours 2 minutes.")
  })

  it("says tries left only on a wrong code, and nothing for numbers that are absent or nonsense", () => {
    expect(linkErrorText("rate_limited", { attemptsLeft: 3 })).toBe(
      `${linkErrorCopy.rate_limited.message} ${linkErrorCopy.rate_limited.action}`
    )
    for (const retryAfter of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(
        linkErrorText("rate_limited", { retryAfter, part: "detail" })
      ).toBe("")
    }
    expect(linkErrorText("code_expired")).toBe(
      "That code has expired. Ask for a new code."
    )
  })

  it("takes a caught LinkSignInError's numbers as they are", () => {
    const error = new LinkSignInError("too_many_attempts", { retryAfter: 120 })
    expect(linkErrorText(error.code, error)).toBe(
      "Too many wrong codes. Try again in 2 minutes. Then start again with your email."
    )
  })

  it("gives each part alone, for a UI that shows two lines", () => {
    const options = { attemptsLeft: 3 }
    expect(linkErrorText("invalid_code", { ...options, part: "message" })).toBe(
      "That code is not right. You have 3 tries left."
    )
    expect(linkErrorText("invalid_code", { ...options, part: "action" })).toBe(
      linkErrorCopy.invalid_code.action
    )
    expect(linkErrorText("invalid_code", { ...options, part: "detail" })).toBe(
      "You have 3 tries left."
    )
  })

  it("is translated by its copy and labels", () => {
    expect(
      linkErrorText("rate_limited", {
        retryAfter: 61,
        copy: { message: "Trop d'essais.", action: "" },
        labels: {
          retryIn: "Réessayez dans {time}.",
          minute: "minute",
          second: "seconde",
        },
      })
    ).toBe("Trop d'essais. Réessayez dans 1 minute 1 seconde.")
  })

  it("has words for every code", () => {
    for (const code of LINK_SIGN_IN_CODES) {
      expect(linkErrorText(code)).toMatch(/^[A-Z].+\.$/)
    }
  })
})
