/**
 * `readLinkAnswer`: the plugin's answers, as the client, `auth.api` and a raw body give them, read
 * as one outcome (the provider's `readLinkOutcome` union plus the plugin's own codes).
 */
import { describe, expect, it } from "vitest"
import { readLinkAnswer } from "../src/client.js"
import { app, clientFor, json, post, startFor, useLink } from "./harness.js"

const { link } = useLink()

describe("readLinkAnswer", () => {
  it("reads the client's code_sent, with the email it was sent for", async () => {
    const client = clientFor(app(link).auth)
    const answer = readLinkAnswer(
      await client.signIn.link.start({ email: "Jo@Example.com" })
    )
    expect(answer).toEqual({
      status: "code_sent",
      challenge: expect.any(String),
      redactedPhone: "+3*********90",
      expiresAt: expect.any(Number),
      resendAt: expect.any(Number),
      email: "jo@example.com",
    })
  })

  it("reads the client's signup_required and coded failures, lower_snake", async () => {
    const client = clientFor(app(link).auth)
    expect(
      readLinkAnswer(
        await client.signIn.link.start({ email: "new@example.com" })
      )
    ).toMatchObject({ status: "signup_required", email: "new@example.com" })
    expect(
      readLinkAnswer(await client.signIn.link.start({ email: "nope" }))
    ).toEqual({ status: "error", code: "invalid_email" })
    const { challenge } = await startFor(app(link).auth, link)
    expect(
      readLinkAnswer(
        await client.signIn.link.verify({ challenge, code: "000001" })
      )
    ).toMatchObject({ status: "error", code: "invalid_code" })
  })

  it("reads a thrown APIError of auth.api, with its waits", async () => {
    const { auth } = app(link)
    const { challenge } = await startFor(auth, link)
    const thrown = await auth.api
      .signInLinkVerify({ body: { challenge, code: "000001" } })
      .catch((error: unknown) => error)
    expect(readLinkAnswer(thrown)).toMatchObject({
      status: "error",
      code: "invalid_code",
    })
    const limited = await auth.api
      .signInLinkResend({ body: { challenge } })
      .catch((error: unknown) => error)
    expect(readLinkAnswer(limited)).toEqual({
      status: "error",
      code: "rate_limited",
      retryAfter: expect.any(Number),
    })
  })

  it("reads the plugin's own codes and a JSON body as answered", async () => {
    const { auth } = app(link, { disableSignUp: true })
    const { challenge, code } = await startFor(auth, link)
    const response = await post(auth, "/sign-in/link/verify", {
      challenge,
      code,
    })
    expect(readLinkAnswer(await json(response))).toEqual({
      status: "error",
      code: "sign_up_disabled",
    })
    expect(
      readLinkAnswer({ code: "RATE_LIMITED", message: "…", retryAfter: 42 })
    ).toEqual({ status: "error", code: "rate_limited", retryAfter: 42 })
  })

  it("is undefined for what is not an answer of the plugin, and reads an unknown failure by its status", () => {
    for (const value of [
      undefined,
      null,
      "code_sent",
      { status: "code_sent", challenge: 1 },
      { data: { user: { id: "u" } }, error: null },
      { error: { status: 401, code: "SOMETHING_ELSE" } },
    ])
      expect(readLinkAnswer(value)).toBeUndefined()
    expect(
      readLinkAnswer({ data: null, error: { status: 429, code: "X" } })
    ).toEqual({ status: "error", code: "rate_limited" })
    expect(
      readLinkAnswer({ data: null, error: { status: 502, statusText: "Bad" } })
    ).toEqual({ status: "error", code: "link_unavailable" })
  })
})
