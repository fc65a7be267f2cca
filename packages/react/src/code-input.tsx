"use client"
import { useEffect, useRef, useState } from "react"
import { codeDigits } from "./labels.js"

/** The WebOTP request shape (https://wicg.github.io/web-otp/), not in TypeScript's DOM lib. */
type OtpRequest = CredentialRequestOptions & { otp: { transport: string[] } }
type OtpCredential = Credential & { code?: string }

/**
 * The six-digit code field. Without JavaScript it is a plain text field (the server keeps the
 * digits of "123 456" or "123-456"). With it, non-digits are dropped as the person types or
 * pastes, the form submits itself on the sixth digit (not on the last try: the person checks the
 * code and presses the button), and WebOTP fills it in where the browser can read the SMS.
 */
export function CodeInput({
  id,
  className,
  invalid,
  describedBy,
  autoSubmit = true,
}: {
  id: string
  className: string
  invalid: boolean
  describedBy: string
  autoSubmit?: boolean
}) {
  const [value, setValue] = useState("")
  const inputRef = useRef<HTMLInputElement>(null)
  const submitted = useRef("")

  useEffect(() => {
    if (!autoSubmit || value.length !== 6 || submitted.current === value) return
    submitted.current = value
    inputRef.current?.form?.requestSubmit()
  }, [value, autoSubmit])

  useEffect(() => {
    if (!("OTPCredential" in window)) return
    const controller = new AbortController()
    const request: OtpRequest = {
      otp: { transport: ["sms"] },
      signal: controller.signal,
    }
    navigator.credentials
      .get(request)
      .then((credential) => {
        const code = (credential as OtpCredential | null)?.code
        if (code) setValue(codeDigits(code))
      })
      // Aborted on unmount, or the person typed the code first: nothing to do.
      .catch(() => undefined)
    return () => controller.abort()
  }, [])

  return (
    <input
      ref={inputRef}
      id={id}
      name="code"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      required
      autoFocus
      value={value}
      onChange={(event) => setValue(codeDigits(event.target.value))}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      className={className}
    />
  )
}
