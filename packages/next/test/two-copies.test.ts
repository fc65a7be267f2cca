// An app with two copies of @auth/core, as npm installs them beside an @auth/* adapter of another
// patch: next-auth on 0.41.3, the provider's errors made from 0.41.2 (what LoginWithLink from
// @login-with-link/provider gives when it resolves the other copy). next-auth does not recognise
// them and wraps them in its CallbackRouteError; the flow is the same, and one warning names the fix.
// And LoginWithLink from @login-with-link/next/provider binds to next-auth's copy: nothing wrapped.
import NextAuth from "next-auth"
import { CredentialsSignin as OtherCredentialsSignin } from "@auth/core-other/errors"
import { CredentialsSignin as NextAuthCredentialsSignin } from "next-auth"
import { createSimulator } from "@login-with-link/simulator"
import { createLoginWithLink, readLinkOutcome } from "@login-with-link/provider"
import { beforeEach, describe, expect, it, vi } from "vitest"
import { LoginWithLink } from "../src/provider/index.js"
import type { LinkSignInFunction } from "../src/server/index.js"
import { newBrowser } from "@login-with-link/test-helpers/next-headers"
import { API_URL, JO, KEY, lastCode, post, SECRET, stateOf } from "./shop.js"

vi.mock(
  "next/headers",
  () => import("@login-with-link/test-helpers/next-headers")
)

function app(makeProvider: typeof LoginWithLink, id: string) {
  const sim = createSimulator({ quiet: true })
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    sim.fetch(new Request(input, init))) as typeof globalThis.fetch
  const errors: unknown[] = []
  const { signIn } = NextAuth({
    providers: [
      makeProvider({
        id,
        publishableKey: KEY,
        apiUrl: API_URL,
        secret: SECRET,
        fetch,
        rateLimit: false,
      }),
    ],
    secret: SECRET,
    trustHost: true,
    logger: { error: (e) => errors.push(e), warn() {}, debug() {} },
  })
  // What signIn threw, to see the shape Auth.js handed over.
  const thrown: unknown[] = []
  const watched: LinkSignInFunction = async (provider, options) => {
    try {
      return await signIn(provider, options)
    } catch (error) {
      thrown.push(error)
      throw error
    }
  }
  return { sim, signIn: watched, thrown }
}

beforeEach(() => newBrowser())

describe("two copies of @auth/core", () => {
  it("the provider on the other copy: wrapped in CallbackRouteError, the same flow, one warning", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    vi.stubEnv("AUTH_LINK_KEY", KEY)
    vi.stubEnv("AUTH_LINK_API_URL", API_URL)
    vi.stubEnv("AUTH_SECRET", SECRET)
    try {
      // The provider package's own factory on the other copy, as an app importing it would get.
      const other = createLoginWithLink(OtherCredentialsSignin)
      const shop = app(other, "link")
      const options = { options: { provider: "link" } }
      const sent = stateOf(
        await post(shop.signIn, { intent: "start", email: JO.email }, options)
      )
      expect(shop.thrown[0]).toMatchObject({ type: "CallbackRouteError" })
      expect(readLinkOutcome(shop.thrown[0])).toMatchObject({
        status: "code_sent",
      })
      expect(sent).toMatchObject({
        step: "code",
        email: JO.email,
        redactedPhone: JO.phone,
      })

      const code = lastCode(shop.sim, JO.email)
      const wrong = stateOf(
        await post(
          shop.signIn,
          { intent: "verify", code: code === "111111" ? "222222" : "111111" },
          options
        )
      )
      expect(wrong).toMatchObject({
        step: "code",
        alert: { code: "invalid_code" },
      })
      expect(
        await post(shop.signIn, { intent: "verify", code }, options)
      ).toEqual({ kind: "redirect", location: "/" })

      const warnings = warn.mock.calls
        .flat()
        .filter((m) => String(m).includes("Two copies of @auth/core"))
      expect(warnings.length).toBe(1)
      expect(String(warnings[0])).toMatch(/overrides/)
    } finally {
      vi.unstubAllEnvs()
      warn.mockRestore()
    }
  })

  it("LoginWithLink from @login-with-link/next/provider: next-auth's own class, nothing wrapped", async () => {
    expect(NextAuthCredentialsSignin).not.toBe(OtherCredentialsSignin)
    const shop = app(LoginWithLink, "link-next")
    const options = { options: { provider: "link-next" } }
    await post(shop.signIn, { intent: "start", email: JO.email }, options)
    expect(shop.thrown[0]).toBeInstanceOf(NextAuthCredentialsSignin)
    expect(shop.thrown[0]).toMatchObject({ code: "code_sent" })
    expect(
      await post(
        shop.signIn,
        { intent: "verify", code: lastCode(shop.sim, JO.email) },
        options
      )
    ).toEqual({ kind: "redirect", location: "/" })
  })
})
