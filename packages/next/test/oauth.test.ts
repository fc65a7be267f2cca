// "Continue with Link": a form posting intent=oauth makes linkSignIn call signIn(<the OAuth
// provider>, { redirectTo: <the checked callbackUrl> }); the redirect signIn throws passes through.
import { redirect } from "next/navigation"
import { beforeEach, describe, expect, it, vi } from "vitest"
import { VARIANTS } from "@login-with-link/test-helpers"
import type { LinkSignInFunction } from "../src/server/index.js"
import { newBrowser } from "@login-with-link/test-helpers/next-headers"
import { post, stateOf } from "./shop.js"

vi.mock(
  "next/headers",
  () => import("@login-with-link/test-helpers/next-headers")
)

/** A fake next-auth signIn: records its calls, and redirects to Link's page as next-auth does. */
function fakeSignIn() {
  const calls: [string, Record<string, unknown>][] = []
  const signIn: LinkSignInFunction = async (provider, options) => {
    calls.push([provider, options])
    redirect(`https://login.link.test/auth?redirect_to=${options.redirectTo}`)
  }
  return { signIn, calls }
}

beforeEach(() => newBrowser())

describe("intent=oauth", () => {
  it('calls signIn("link-oauth", { redirectTo }) and lets its redirect to Link through', async () => {
    const { signIn, calls } = fakeSignIn()
    const answer = await post(signIn, {
      intent: "oauth",
      callbackUrl: "/checkout?step=2",
    })
    expect(calls).toEqual([["link-oauth", { redirectTo: "/checkout?step=2" }]])
    expect(answer).toEqual({
      kind: "redirect",
      location: "https://login.link.test/auth?redirect_to=/checkout?step=2",
    })
  })

  it("uses options.oauthProviderId", async () => {
    const { signIn, calls } = fakeSignIn()
    await post(
      signIn,
      { intent: "oauth" },
      { options: { oauthProviderId: "link-official" } }
    )
    expect(calls.map(([provider]) => provider)).toEqual(["link-official"])
  })

  it.each(VARIANTS)(
    "a hostile callbackUrl (%j) never reaches redirectTo",
    async (hostile) => {
      const { signIn, calls } = fakeSignIn()
      await post(signIn, { intent: "oauth", callbackUrl: hostile })
      expect(calls[0]?.[1]).toEqual({ redirectTo: "/" })
    }
  )

  it("a signIn that fails (no such provider) is link_unavailable, logged, never a 500", async () => {
    const logged: Error[] = []
    const failing: LinkSignInFunction = async () => {
      throw new Error('Provider with id "link-oauth" not found')
    }
    const state = stateOf(
      await post(
        failing,
        { intent: "oauth" },
        { options: { logger: { error: (e) => logged.push(e) } } }
      )
    )
    expect(state).toMatchObject({
      step: "email",
      alert: { kind: "error", code: "link_unavailable" },
    })
    expect(logged).toHaveLength(1)
  })

  it("a signIn that returns instead of redirecting is link_unavailable, logged", async () => {
    const logged: Error[] = []
    const state = stateOf(
      await post(
        async () => "http://shop.test/",
        { intent: "oauth" },
        { options: { logger: { error: (e) => logged.push(e) } } }
      )
    )
    expect(state.alert?.code).toBe("link_unavailable")
    expect(logged[0]?.message).toMatch(/returned instead of redirecting/)
  })
})
