/**
 * The client plugin against a real handler: `createAuthClient` with a `fetch` that calls
 * `auth.handler` (keeping cookies like a browser), typed `signIn.link.start / resend / verify`,
 * coded errors, and the session refreshing after verify.
 */
import { expect, expectTypeOf, it } from "vitest"
import { LOGIN_WITH_LINK_ERROR_CODES } from "../src/client.js"
import { app, clientFor, useLink } from "./harness.js"

const { link, sim } = useLink()

it("signs in with signIn.link.start and .verify, and refreshes the session", async () => {
  const { auth } = app(link)
  const client = clientFor(auth)

  let signals = 0
  const signalled = new Promise<void>((resolve) => {
    client.$store.atoms.$sessionSignal!.listen(() => {
      signals += 1
      resolve()
    })
  })

  const started = await client.signIn.link.start({ email: "jo@example.com" })
  expect(started.error).toBeNull()
  const data = started.data!
  if (data.status !== "code_sent") throw new Error("expected a code")
  expectTypeOf(data.challenge).toEqualTypeOf<string>()
  expectTypeOf(data.redactedPhone).toEqualTypeOf<string>()
  expect(data.redactedPhone).toBe("+3*********90")

  const before = await client.getSession()
  expect(before.data).toBeNull()

  const verified = await client.signIn.link.verify({
    challenge: data.challenge,
    code: await sim.code("jo@example.com"),
  })
  expect(verified.error).toBeNull()
  expectTypeOf(verified.data!.user.email).toEqualTypeOf<string>()
  expect(verified.data!.user.email).toBe("jo@example.com")

  // The session signal flips (the atom listener on the verify path) and the session is there.
  await signalled
  expect(signals).toBe(1)
  const after = await client.getSession()
  expect(after.data?.user.email).toBe("jo@example.com")
})

it("resends with signIn.link.resend", async () => {
  const { auth } = app(link, { resendCooldown: 0 })
  const client = clientFor(auth)
  const started = await client.signIn.link.start({ email: "sam@example.com" })
  if (started.data?.status !== "code_sent") throw new Error("expected a code")
  await sim.advance(30_000)
  const resent = await client.signIn.link.resend({
    challenge: started.data.challenge,
  })
  expect(resent.error).toBeNull()
  expect(resent.data).toMatchObject({
    status: "code_sent",
    redactedPhone: "+1********23",
  })
})

it("answers signup_required with the sign-up URL", async () => {
  const { auth } = app(link)
  const client = clientFor(auth)
  const started = await client.signIn.link.start({ email: "new@example.com" })
  expect(started.data).toMatchObject({ status: "signup_required" })
  if (started.data?.status === "signup_required") {
    expect(new URL(started.data.signupUrl).searchParams.get("email")).toBe(
      "new@example.com"
    )
  }
})

it("gets coded errors, with the plugin's codes on the client", async () => {
  const { auth } = app(link)
  const client = clientFor(auth)
  let signals = 0
  let signalled: () => void = () => {}
  client.$store.atoms.$sessionSignal!.listen(() => {
    signals += 1
    signalled()
  })
  const started = await client.signIn.link.start({ email: "jo@example.com" })
  if (started.data?.status !== "code_sent") throw new Error("expected a code")
  const wrong = await client.signIn.link.verify({
    challenge: started.data.challenge,
    code: "000001",
  })
  expect(wrong.data).toBeNull()
  expect(wrong.error).toMatchObject({
    status: 401,
    code: "INVALID_CODE",
    message: LOGIN_WITH_LINK_ERROR_CODES.INVALID_CODE.message,
  })
  // better-auth types the plugin's codes on the client (its runtime $ERROR_CODES is type-only).
  expectTypeOf<
    (typeof client.$ERROR_CODES)["INVALID_CODE"]["code"]
  >().toEqualTypeOf<"INVALID_CODE">()
  const bad = await client.signIn.link.start({ email: "nope" })
  expect(bad.error).toMatchObject({ status: 400, code: "INVALID_EMAIL" })
  // The right code then flips the signal once: the failures before it flipped nothing.
  const flipped = new Promise<void>((resolve) => (signalled = resolve))
  const right = await client.signIn.link.verify({
    challenge: started.data.challenge,
    code: await sim.code("jo@example.com"),
  })
  expect(right.error).toBeNull()
  await flipped
  expect(signals).toBe(1)
})
