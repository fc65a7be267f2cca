// @vitest-environment happy-dom
/**
 * The drop-in as a Vite or TanStack Start app has it: `<LinkSignInForm />` of
 * `@login-with-link/react`, hydrated, over `linkClientAction(authClient)`, on a real better-auth
 * handler and the in-process simulator. Email, code (typed, submitted by itself), signed in: the
 * form goes to the callbackUrl with better-auth's session made.
 */
import { createSimulator } from "@login-with-link/simulator"
import { LinkSignInForm } from "@login-with-link/react"
import { act } from "react"
import { createRoot, type Root } from "react-dom/client"
import { afterEach, beforeEach, expect, it, vi } from "vitest"
import type { BetterAuthPlugin } from "better-auth"
import { createAuthMiddleware } from "better-auth/api"
import { createAuthClient } from "better-auth/client"
import { parseSetCookieHeader } from "better-auth/cookies"
import { linkClientAction, loginWithLinkClient } from "../src/client.js"
import { app, BASE } from "./harness.js"
;(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true

// happy-dom's requestSubmit() passes the form itself as the submitter, which its own FormData
// then refuses; a browser's has none.
HTMLFormElement.prototype.requestSubmit = function (this: HTMLFormElement) {
  const event = new Event("submit", { bubbles: true, cancelable: true })
  Object.defineProperty(event, "submitter", { value: null })
  this.dispatchEvent(event)
}

const sim = createSimulator({ quiet: true })
let container: HTMLElement
let root: Root
beforeEach(() => {
  sim.reset()
  container = document.createElement("div")
  document.body.append(container)
  root = createRoot(container)
})
afterEach(async () => {
  await act(async () => root.unmount())
  document.body.innerHTML = ""
})

/** Type into a field as a person does, firing React's input events. */
async function type(input: HTMLInputElement, text: string) {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(
      HTMLInputElement.prototype,
      "value"
    )!.set!
    setter.call(input, text)
    input.dispatchEvent(new Event("input", { bubbles: true }))
  })
}

/**
 * The browser's cookie jar. happy-dom's `Response` hides `Set-Cookie`, as a browser does, so the
 * cookies are read where a framework integration reads them (better-auth's `nextCookies()` does
 * the same): the answer's headers, in an after hook.
 */
function browserCookies() {
  const jar = new Map<string, string>()
  const plugin = {
    id: "test-browser-cookies",
    hooks: {
      // A browser's request carries them; happy-dom's Request drops a `Cookie` header set by hand.
      before: [
        {
          matcher: () => true,
          handler: createAuthMiddleware(async (ctx) => {
            if (jar.size === 0) return
            const headers = new Headers(ctx.headers)
            headers.set(
              "cookie",
              [...jar].map(([name, value]) => `${name}=${value}`).join("; ")
            )
            return { context: { headers } }
          }),
        },
      ],
      after: [
        {
          matcher: () => true,
          handler: createAuthMiddleware(async (ctx) => {
            const set = ctx.context.responseHeaders?.get("set-cookie")
            if (!set) return
            parseSetCookieHeader(set).forEach((cookie, name) => {
              if (cookie.value && cookie["max-age"] !== 0)
                jar.set(name, cookie.value)
              else jar.delete(name)
            })
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin
  return { jar, plugin }
}

it("signs in through the form in the browser, and the session is better-auth's", async () => {
  const cookies = browserCookies()
  const { auth, db } = app(
    { apiUrl: "http://127.0.0.1:9/api" },
    { fetch: (input, init) => sim.fetch(new Request(input, init)) },
    { plugins: [cookies.plugin] }
  )
  const client = createAuthClient({
    baseURL: BASE,
    plugins: [loginWithLinkClient()],
    fetchOptions: {
      customFetchImpl: (input, init) => auth.handler(new Request(input, init)),
    },
  })
  const action = linkClientAction(client)
  const onSignedIn = vi.fn((to: string) => void to)
  await act(async () =>
    root.render(
      <LinkSignInForm
        action={action}
        callbackUrl="/orders"
        onSignedIn={onSignedIn}
      />
    )
  )
  const email = container.querySelector<HTMLInputElement>("input[name=email]")!
  await type(email, "jo@example.com")
  await act(async () => email.form!.requestSubmit())
  const code = await vi.waitFor(() => {
    const field = container.querySelector<HTMLInputElement>("input[name=code]")
    if (!field) throw new Error(`no code step yet: ${container.textContent}`)
    return field
  })
  expect(container.textContent).toContain("Signing in as jo@example.com")
  await type(code, sim.state.outbox.latestCode("jo@example.com")!)
  await vi.waitFor(() =>
    expect(onSignedIn, container.textContent ?? "").toHaveBeenCalledWith(
      "/orders"
    )
  )
  // The challenge waited in an httpOnly cookie; now the session is better-auth's.
  expect(cookies.jar.has("link_signin")).toBe(false)
  expect(cookies.jar.get("better-auth.session_token")).toBeTruthy()
  expect(db.session).toHaveLength(1)
  expect(
    db.user!.find((user) => user.id === db.session![0]!.userId)
  ).toMatchObject({ email: "jo@example.com" })
})
