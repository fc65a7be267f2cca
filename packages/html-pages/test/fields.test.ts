import { describe, expect, test } from "vitest"
import { codeField } from "../src/code-field.js"
import { emailField } from "../src/email-field.js"
import { phoneEnding } from "../src/phone.js"

describe("codeField", () => {
  test("is a labelled one-time-code input that takes a code written with spaces or dashes", async () => {
    const field = String(await codeField({ invalid: false, minutesLeft: 9 }))
    expect(field).toContain('<label for="code">6-digit code</label>')
    expect(field).toContain('autocomplete="one-time-code"')
    expect(field).toContain('inputmode="numeric"')
    // "123 - 456" fits.
    expect(field).toContain('maxlength="9"')
    expect(field).toContain('pattern="[0-9 \\-]*"')
    expect(field).toContain('aria-invalid="false"')
    expect(field).toContain('aria-describedby="code-hint"')
    expect(field.replace(/\s+/g, " ")).toContain(
      "The code works for 9 more minutes. Spaces and dashes are fine."
    )
  })

  test("after a refused code it is marked invalid and described by the error too", async () => {
    const field = String(await codeField({ invalid: true, minutesLeft: 1 }))
    expect(field).toContain('aria-invalid="true"')
    expect(field).toContain('aria-describedby="code-hint form-error"')
    expect(field.replace(/\s+/g, " ")).toContain("for 1 more minute.")
  })

  test("once the code has expired it leaves the minutes out", async () => {
    const field = String(await codeField({ invalid: false, minutesLeft: 0 }))
    expect(field).not.toContain("The code works")
    expect(field).toContain("Spaces and dashes are fine.")
  })
})

describe("emailField", () => {
  test("is a labelled email input that autofills and stops at 254 characters", async () => {
    const field = String(await emailField({ invalid: false }))
    expect(field).toContain('<label for="email">Email</label>')
    expect(field).toContain('type="email"')
    expect(field).toContain('autocomplete="email"')
    expect(field).toContain('maxlength="254"')
    expect(field).toContain('value=""')
    expect(field).toContain('aria-invalid="false"')
    expect(field).not.toContain("aria-describedby")
  })

  test("keeps what was typed, escaped, and after a refusal points at the error", async () => {
    const field = String(
      await emailField({
        label: "Email address",
        value: '"><script>x</script>',
        invalid: true,
      })
    )
    expect(field).toContain('<label for="email">Email address</label>')
    expect(field).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"')
    expect(field).toContain('aria-invalid="true"')
    expect(field).toContain('aria-describedby="form-error"')
  })
})

describe("phoneEnding", () => {
  test("shows Link's redacted phone as people read it, with the screen reader's words", async () => {
    const shown = String(await phoneEnding("+3*********90"))
    expect(shown).toContain(
      '<span class="phone" aria-hidden="true">•••• 90</span'
    )
    expect(shown).toContain(
      '<span class="visually-hidden">the phone number ending in 90</span>'
    )
    expect(shown).not.toContain("*")
  })

  test("a phone that does not end in digits is shown as Link gave it, escaped", async () => {
    expect(String(await phoneEnding("<b>hidden</b>"))).toBe(
      "&lt;b&gt;hidden&lt;/b&gt;"
    )
  })
})
