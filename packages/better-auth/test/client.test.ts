/**
 * The client plugin against a real handler: `createAuthClient` with a `fetch` that calls
 * `auth.handler` (keeping cookies like a browser), typed `signIn.link.start / resend / verify`,
 * coded errors, and the session refreshing after verify.
 */
import type { RunningSimulator } from "@login-with-link/simulator"
import { createAuthClient } from "better-auth/client"
import {
  afterAll,
  beforeAll,
  beforeEach,
  expect,
  expectTypeOf,
  it,
} from "vitest"
import {
  LOGIN_WITH_LINK_ERROR_CODES,
  loginWithLinkClient,
} from "../src/client.js"
import { app, BASE, control, simulator } from "./harness.js"

let link: RunningSimulator
let sim: ReturnType<typeof control>
beforeAll(async () => {
  link = await simulator()
  sim = control(link)
})
afterAll(() => link.close())
beforeEach(() => sim.reset())

/** A client whose requests go straight to the app's handler, with a cookie jar. */
function clientFor(auth: ReturnType<typeof app>["auth"]) {
  const jar = new Map<string, string>()
  const customFetchImpl = async (
    input: string | URL | Request,
    init?: RequestInit
  ): Promise<Response> => {
    const request = new Request(input, init)
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ")
    if (cookie) request.headers.set("cookie", cookie)
    const response = await auth.handler(request)
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(";")
      const at = pair!.indexOf("=")
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
    return response
  }
  return createAuthClient({
    baseURL: BASE,
    plugins: [loginWithLinkClient()],
    fetchOptions: { customFetchImpl },
  })
}

it("signs in with signIn.link.start and .verify, and refreshes the session", async () => {
  const { auth } = app(link)
  const client = clientFor(auth)

  let signals = 0
  client.$store.atoms.$sessionSignal!.listen(() => {
    signals += 1
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
  await new Promise((resolve) => setTimeout(resolve, 50))
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
  client.$store.atoms.$sessionSignal!.listen(() => {
    signals += 1
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
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(signals).toBe(0)
})
