// @vitest-environment happy-dom
// next's LinkSignInForm and LinkSignInSync are @login-with-link/react's, fed with Next.js's query
// (so the server-rendered HTML has it, before and without JavaScript) and router.refresh().
import { act } from "react"
import { createRoot } from "react-dom/client"
import { renderToString } from "react-dom/server"
import { describe, expect, it, vi } from "vitest"
import { LinkSignInForm, LinkSignInSync } from "../src/client/index.js"
import type { LinkSignInState } from "../src/client/index.js"

const navigation = vi.hoisted(() => ({
  search: new URLSearchParams(),
  refresh: vi.fn(),
}))
vi.mock("next/navigation", () => ({
  useSearchParams: () => navigation.search,
  useRouter: () => ({ refresh: navigation.refresh }),
}))

;(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true

const emailStep: LinkSignInState = {
  step: "email",
  email: "",
  serverNow: Date.now(),
  seq: 0,
}
const noAction = async (state: LinkSignInState) => state
const parse = (html: string) =>
  new DOMParser().parseFromString(html, "text/html")

describe("server-rendered (no JavaScript)", () => {
  it("?callbackUrl= and ?email= of the page are in the HTML", () => {
    navigation.search = new URLSearchParams({
      callbackUrl: "/checkout",
      email: " New@Example.com ",
    })
    const doc = parse(
      renderToString(<LinkSignInForm action={noAction} state={emailStep} />)
    )
    expect(
      doc.querySelector<HTMLInputElement>("input[name=callbackUrl]")?.value
    ).toBe("/checkout")
    expect(
      doc.querySelector<HTMLInputElement>("input[name=email]")?.value
    ).toBe("new@example.com")
  })

  it("a callbackUrl prop wins over the page's", () => {
    navigation.search = new URLSearchParams({ callbackUrl: "/checkout" })
    const doc = parse(
      renderToString(
        <LinkSignInForm
          action={noAction}
          state={emailStep}
          callbackUrl="/orders"
        />
      )
    )
    expect(
      doc.querySelector<HTMLInputElement>("input[name=callbackUrl]")?.value
    ).toBe("/orders")
  })
})

describe("hydrated", () => {
  it("LinkSignInSync refreshes with Next.js's router when another tab signs in", async () => {
    navigation.refresh.mockReset()
    const root = createRoot(document.createElement("div"))
    await act(async () => root.render(<LinkSignInSync />))
    const tab = new BroadcastChannel("login-with-link")
    tab.postMessage({ type: "signed-in" })
    tab.close()
    await vi.waitFor(() => expect(navigation.refresh).toHaveBeenCalledOnce())
    await act(async () => root.unmount())
  })
})
