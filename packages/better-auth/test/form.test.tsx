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
import { linkClientAction } from "../src/client.js"
import { app, clientFor } from "./harness.js"
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

it("signs in through the form in the browser, and the session is better-auth's", async () => {
  const { auth, db } = app(
    { apiUrl: "http://127.0.0.1:9/api" },
    { fetch: (input, init) => sim.fetch(new Request(input, init)) }
  )
  const client = clientFor(auth)
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
  // (happy-dom's Response hides Set-Cookie, as a browser does: the session is read in the table.)
  expect(db.session).toHaveLength(1)
  expect(
    db.user!.find((user) => user.id === db.session![0]!.userId)
  ).toMatchObject({ email: "jo@example.com" })
})
