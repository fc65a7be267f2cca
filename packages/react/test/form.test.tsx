// @vitest-environment happy-dom
// LinkSignInForm: what it renders on the server (before and without JavaScript), and what it does
// once hydrated (digits only, auto-submit, focus, announcements, the other tabs).
import { act } from "react"
import { createRoot, type Root } from "react-dom/client"
import { renderToString } from "react-dom/server"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { linkErrorCopy, type LinkSignInCode } from "@login-with-link/core"
import { LinkSignInForm, type LinkSignInFormProps } from "../src/index.js"
import type { LinkSignInState } from "../src/index.js"

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

const NOW = Date.now()
const emailStep: LinkSignInState = {
  step: "email",
  email: "",
  serverNow: NOW,
  seq: 0,
}
const codeStep: LinkSignInState = {
  step: "code",
  email: "jo@example.com",
  redactedPhone: "+3*********90",
  expiresAt: NOW + 600_000,
  resendAt: NOW + 30_000,
  serverNow: NOW,
  seq: 0,
}
const noAction = async (state: LinkSignInState) => state

describe("server-rendered (no JavaScript)", () => {
  it("the email step: a plain form with its intent, a labelled email field, a live region", () => {
    const html = renderToString(
      <LinkSignInForm
        action={noAction}
        state={emailStep}
        callbackUrl="/checkout"
      />
    )
    const doc = new DOMParser().parseFromString(html, "text/html")
    const form = doc.querySelector("form")!
    expect(form).not.toBeNull()
    expect(
      doc.querySelector<HTMLInputElement>("input[name=intent]")?.value
    ).toBe("start")
    expect(
      doc.querySelector<HTMLInputElement>("input[name=callbackUrl]")?.value
    ).toBe("/checkout")
    const email = doc.querySelector<HTMLInputElement>("input[name=email]")!
    expect(email.type).toBe("email")
    expect(email.getAttribute("autocomplete")).toBe("email")
    expect(doc.querySelector(`label[for="${email.id}"]`)?.textContent).toBe(
      "Email"
    )
    expect(doc.querySelector("h1")?.textContent).toBe("Sign in")
    expect(doc.querySelector("[aria-live=polite]")).not.toBeNull()
    expect(doc.querySelector(".lwl-root")?.getAttribute("data-step")).toBe(
      "email"
    )
    // No inline styles (a strict CSP), no CSS framework classes.
    expect(html).not.toMatch(/style=/)
    expect(doc.querySelector("button[type=submit]")?.textContent).toBe(
      "Continue with Link"
    )
  })

  it("the code step: one-time-code, numeric, the phone and email, resend usable without JS", () => {
    const html = renderToString(
      <LinkSignInForm action={noAction} state={codeStep} />
    )
    const doc = new DOMParser().parseFromString(html, "text/html")
    const code = doc.querySelector<HTMLInputElement>("input[name=code]")!
    expect(code.getAttribute("autocomplete")).toBe("one-time-code")
    expect(code.getAttribute("inputmode")).toBe("numeric")
    // The phone as people read it; a screen reader hears the same in words.
    const phone = doc.querySelector(".lwl-phone")!
    expect(phone.querySelector("[aria-hidden=true]")?.textContent).toBe(
      "•••• 90"
    )
    expect(phone.querySelector(".lwl-visually-hidden")?.textContent).toBe(
      "the phone number ending in 90"
    )
    expect(doc.body.textContent).not.toContain("*")
    expect(doc.body.textContent).toContain("Signing in as jo@example.com")
    expect(doc.body.textContent).toContain("The code expires in 10 minutes.")
    const intents = [
      ...doc.querySelectorAll<HTMLInputElement>("input[name=intent]"),
    ].map((input) => input.value)
    expect(intents).toEqual(["verify", "resend", "change"])
    const resend = [...doc.querySelectorAll("button")].find(
      (b) => b.textContent === "Send a new code"
    )
    expect(resend?.hasAttribute("disabled")).toBe(false)
  })

  it("the sign-up invitation: the link to Link, and a way back", () => {
    const html = renderToString(
      <LinkSignInForm
        action={noAction}
        state={{
          step: "signup",
          email: "new@example.com",
          signupUrl: "https://link.test/signup?email=new%40example.com",
          serverNow: NOW,
          seq: 1,
        }}
      />
    )
    const doc = new DOMParser().parseFromString(html, "text/html")
    expect(doc.querySelector("h1")?.textContent).toBe(
      "Sign up for Link to continue"
    )
    expect(
      doc.querySelector<HTMLAnchorElement>("a.lwl-signup-link")?.href
    ).toBe("https://link.test/signup?email=new%40example.com")
  })

  it("an alert uses the app's copy, labels, classes and heading level", () => {
    const html = renderToString(
      <LinkSignInForm
        action={noAction}
        state={{
          ...codeStep,
          seq: 2,
          alert: {
            kind: "error",
            code: "invalid_code",
            message: "That code is not right.",
            action: "Check the text message.",
            field: "code",
            attemptsLeft: 2,
          },
        }}
        copy={{ invalid_code: { message: "Wrong code." } }}
        labels={{ codeTitle: "Your code" }}
        className="card"
        classNames={{ button: "btn btn-primary", alert: "my-alert" }}
        headingLevel={2}
      />
    )
    const doc = new DOMParser().parseFromString(html, "text/html")
    const alert = doc.querySelector("[data-code=invalid_code]")!
    expect(alert.textContent).toContain("Wrong code. You have 2 tries left.")
    expect(alert.textContent).toContain("Check the text message.")
    expect(alert.className).toContain("my-alert")
    expect(doc.querySelector("h2")?.textContent).toBe("Your code")
    expect(doc.querySelector(".lwl-root")?.className).toContain("card")
    expect(doc.querySelector(".lwl-button")?.className).toContain(
      "btn btn-primary"
    )
    const code = doc.querySelector<HTMLInputElement>("input[name=code]")!
    expect(code.getAttribute("aria-invalid")).toBe("true")
    expect(code.getAttribute("aria-describedby")).toContain(alert.id)
  })

  it.each([
    [{ code: "rate_limited", retryAfter: 45 }, "Try again in 45 seconds."],
    [{ code: "too_many_attempts", retryAfter: 7200 }, "Try again in 2 hours."],
    [{ code: "invalid_code", attemptsLeft: 1 }, "You have 1 try left."],
  ] as const)(
    "the numbers an alert carries read as the core's linkErrorText says (%j)",
    (numbers, sentence) => {
      const html = renderToString(
        <LinkSignInForm
          action={noAction}
          state={{
            ...codeStep,
            alert: {
              kind: "error",
              message: "Message.",
              action: "Action.",
              field: "code",
              ...numbers,
            },
          }}
        />
      )
      const doc = new DOMParser().parseFromString(html, "text/html")
      expect(doc.querySelector(".lwl-alert-message")?.textContent).toBe(
        `Message. ${sentence}`
      )
    }
  )

  it.each([
    ["rate_limited", 45, ""],
    ["too_many_attempts", 7200, "Then start again with your email."],
  ] as const)(
    "beside a wait the action does not say it again (%s)",
    (code, retryAfter, action) => {
      const html = renderToString(
        <LinkSignInForm
          action={noAction}
          state={{
            ...codeStep,
            alert: {
              kind: "error",
              code,
              message: linkErrorCopy[code].message,
              action: linkErrorCopy[code].action,
              field: "resend",
              retryAfter,
            },
          }}
        />
      )
      const doc = new DOMParser().parseFromString(html, "text/html")
      const alert = doc.querySelector(".lwl-alert")!
      expect(alert.textContent).not.toMatch(/Wait a (moment|few minutes)/)
      expect(doc.querySelector(".lwl-alert-action")?.textContent ?? "").toBe(
        action
      )
    }
  )

  it("the words around the numbers are labels (a translation)", () => {
    const html = renderToString(
      <LinkSignInForm
        action={noAction}
        state={{
          ...codeStep,
          alert: {
            kind: "error",
            code: "rate_limited",
            message: "Trop d'essais.",
            action: "",
            retryAfter: 60,
          },
        }}
        labels={{ retryIn: "Réessayez dans {time}.", minute: "minute" }}
      />
    )
    const doc = new DOMParser().parseFromString(html, "text/html")
    expect(doc.querySelector(".lwl-alert-message")?.textContent).toBe(
      "Trop d'essais. Réessayez dans 1 minute."
    )
  })

  it("one wrong code left: a warning at the field, described by it", () => {
    const html = renderToString(
      <LinkSignInForm
        action={noAction}
        state={{
          ...codeStep,
          alert: {
            kind: "error",
            code: "invalid_code",
            message: "That code is not right.",
            action: "",
            field: "code",
            attemptsLeft: 1,
          },
        }}
      />
    )
    const doc = new DOMParser().parseFromString(html, "text/html")
    const warning = doc.querySelector(".lwl-hint--warning")!
    expect(warning.textContent).toMatch(/^Last try/)
    expect(
      doc.querySelector("input[name=code]")?.getAttribute("aria-describedby")
    ).toContain(warning.id)
    const two = renderToString(
      <LinkSignInForm
        action={noAction}
        state={{
          ...codeStep,
          alert: {
            kind: "error",
            code: "invalid_code",
            message: "",
            action: "",
            attemptsLeft: 2,
          },
        }}
      />
    )
    expect(two).not.toContain("lwl-hint--warning")
  })

  it("human_check_required: the app's widget inside the form that asked for it", () => {
    const widget = <input type="hidden" name="human_token" value="tok" />
    const atEmail = new DOMParser().parseFromString(
      renderToString(
        <LinkSignInForm
          action={noAction}
          humanCheck={widget}
          state={{
            ...emailStep,
            email: "jo@example.com",
            alert: {
              kind: "error",
              code: "human_check_required",
              message: "",
              action: "",
              field: "email",
            },
          }}
        />
      ),
      "text/html"
    )
    const form = atEmail
      .querySelector("input[name=human_token]")!
      .closest("form")!
    expect(
      form.querySelector<HTMLInputElement>("input[name=intent]")?.value
    ).toBe("start")
    // The email is fine: it is not marked invalid.
    expect(
      atEmail.querySelector("input[name=email]")?.getAttribute("aria-invalid")
    ).toBeNull()
    const atCode = new DOMParser().parseFromString(
      renderToString(
        <LinkSignInForm
          action={noAction}
          humanCheck={widget}
          state={{
            ...codeStep,
            alert: {
              kind: "error",
              code: "human_check_required",
              message: "",
              action: "",
              field: "resend",
            },
          }}
        />
      ),
      "text/html"
    )
    expect(
      atCode
        .querySelector("input[name=human_token]")!
        .closest("form")!
        .querySelector<HTMLInputElement>("input[name=intent]")?.value
    ).toBe("resend")
    // Not asked for: not shown.
    expect(
      renderToString(
        <LinkSignInForm
          action={noAction}
          humanCheck={widget}
          state={emailStep}
        />
      )
    ).not.toContain("human_token")
  })

  it("the email prop fills the email in (back from Link's sign-up page)", () => {
    const html = renderToString(
      <LinkSignInForm
        action={noAction}
        state={emailStep}
        email=" New@Example.com "
      />
    )
    const doc = new DOMParser().parseFromString(html, "text/html")
    expect(
      doc.querySelector<HTMLInputElement>("input[name=email]")?.value
    ).toBe("new@example.com")
  })
})

describe('"Continue with Link" (oauth)', () => {
  const parse = (html: string) =>
    new DOMParser().parseFromString(html, "text/html")

  it('oauth="above": a form of its own posting intent=oauth above the email step, which keeps its code', () => {
    const doc = parse(
      renderToString(
        <LinkSignInForm
          action={noAction}
          state={emailStep}
          callbackUrl="/checkout"
          oauth="above"
        />
      )
    )
    const forms = [...doc.querySelectorAll("form")]
    expect(forms).toHaveLength(2)
    const button = forms[0]!.querySelector<HTMLButtonElement>("button")!
    expect(button.textContent).toBe("Continue with Link")
    expect([button.type, button.name, button.value]).toEqual([
      "submit",
      "intent",
      "oauth",
    ])
    expect(
      forms[0]!.querySelector<HTMLInputElement>("input[name=callbackUrl]")
        ?.value
    ).toBe("/checkout")
    // No hidden intent in the OAuth form: the pressed button is the intent.
    expect(forms[0]!.querySelector("input[name=intent]")).toBeNull()
    expect(forms[1]!.querySelector("input[name=email]")).not.toBeNull()
    expect(forms[1]!.querySelector("button")?.textContent).toBe(
      "Text me a code"
    )
    expect(doc.querySelector(".lwl-divider")?.textContent).toBe(
      "or get a code by text message"
    )
  })

  it('oauth="only": the button alone, whatever step the state is at', () => {
    for (const state of [emailStep, codeStep]) {
      const doc = parse(
        renderToString(
          <LinkSignInForm action={noAction} state={state} oauth="only" />
        )
      )
      expect(doc.querySelectorAll("form")).toHaveLength(1)
      expect(doc.querySelector("input[name=email]")).toBeNull()
      expect(doc.querySelector("input[name=code]")).toBeNull()
      expect(doc.querySelector(".lwl-root")?.getAttribute("data-step")).toBe(
        "oauth"
      )
      expect(
        doc.querySelector("button[name=intent]")?.getAttribute("value")
      ).toBe("oauth")
    }
  })

  it("the page's error (why the last Continue with Link did not finish) shows until the first answer", () => {
    const doc = parse(
      renderToString(
        <LinkSignInForm
          action={noAction}
          state={emailStep}
          oauth="above"
          error={{
            code: "oauth_denied",
            message: "Signing in with Link was cancelled.",
            action: "Try again when you're ready.",
          }}
        />
      )
    )
    const alert = doc.querySelector(".lwl-alert")!
    expect(alert.getAttribute("data-code")).toBe("oauth_denied")
    expect(alert.getAttribute("data-kind")).toBe("error")
    // In the page from the first paint, so the live region would not announce it: an alert.
    expect(alert.getAttribute("role")).toBe("alert")
    expect(alert.textContent).toBe(
      "Signing in with Link was cancelled.Try again when you're ready."
    )
    const answered = parse(
      renderToString(
        <LinkSignInForm
          action={noAction}
          state={{ ...emailStep, seq: 1 }}
          error={{ message: "Old news." }}
        />
      )
    )
    expect(answered.querySelector(".lwl-alert")).toBeNull()
  })

  it("the page's error as a code: core's copy for it (the app's `copy` over it), announced as an alert", () => {
    const render = (props: Partial<LinkSignInFormProps>) =>
      parse(
        renderToString(
          <LinkSignInForm
            action={noAction}
            state={emailStep}
            oauth="above"
            {...props}
          />
        )
      ).querySelector(".lwl-alert")
    for (const code of [
      "oauth_denied",
      "oauth_failed",
      "account_not_linked",
      "link_unavailable",
    ] as const) {
      const alert = render({ error: code })!
      expect(alert.getAttribute("role")).toBe("alert")
      expect(alert.getAttribute("data-code")).toBe(code)
      expect(alert.textContent).toBe(
        linkErrorCopy[code].message + linkErrorCopy[code].action
      )
    }
    expect(
      render({
        error: "oauth_failed",
        copy: { oauth_failed: { message: "Ça n'a pas marché." } },
      })!.textContent
    ).toBe(`Ça n'a pas marché.${linkErrorCopy.oauth_failed.action}`)
    // A code that is not one (a hand-edited URL): nothing.
    expect(render({ error: "nope" as unknown as LinkSignInCode })).toBeNull()
    // The answers' own alerts stay in the polite live region, without a role of their own.
    const answered = parse(
      renderToString(
        <LinkSignInForm
          action={noAction}
          state={{
            ...emailStep,
            seq: 1,
            alert: {
              kind: "error",
              code: "invalid_email",
              ...linkErrorCopy.invalid_email,
            },
          }}
        />
      )
    ).querySelector(".lwl-alert")!
    expect(answered.getAttribute("role")).toBeNull()
    expect(answered.parentElement!.getAttribute("aria-live")).toBe("polite")
  })

  it("without the prop, no OAuth button", () => {
    const doc = parse(
      renderToString(<LinkSignInForm action={noAction} state={emailStep} />)
    )
    expect(doc.querySelector("button[name=intent]")).toBeNull()
    expect(doc.querySelector(".lwl-divider")).toBeNull()
  })
})

describe("hydrated", () => {
  let container: HTMLElement
  let roots: Root[] = []

  const refresh = vi.fn()

  beforeEach(() => {
    refresh.mockReset()
    container = document.createElement("div")
    document.body.append(container)
  })
  afterEach(async () => {
    await act(async () => roots.forEach((root) => root.unmount()))
    roots = []
    document.body.innerHTML = ""
  })

  async function mount(
    action: (s: LinkSignInState, f: FormData) => Promise<LinkSignInState>,
    state: LinkSignInState,
    into = container
  ) {
    const root = createRoot(into)
    roots.push(root)
    await act(async () =>
      root.render(
        <LinkSignInForm
          action={action}
          state={state}
          onSignedInElsewhere={refresh}
        />
      )
    )
    return root
  }

  const type = async (input: HTMLInputElement, value: string) => {
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(
        HTMLInputElement.prototype,
        "value"
      )!.set!
      setter.call(input, value)
      input.dispatchEvent(new Event("input", { bubbles: true }))
    })
  }

  it.each(["123 456", "123-456", "１２３456x"])(
    "%j becomes 123456 and submits itself with intent=verify",
    async (pasted) => {
      const posted: FormData[] = []
      await mount(async (state, data) => {
        posted.push(data)
        return state
      }, codeStep)
      const input =
        container.querySelector<HTMLInputElement>("input[name=code]")!
      await type(input, pasted)
      if (pasted.startsWith("１")) {
        // Full-width digits are not ASCII digits: only "456" is kept, nothing is submitted.
        expect(input.value).toBe("456")
        expect(posted).toHaveLength(0)
        return
      }
      expect(input.value).toBe("123456")
      await vi.waitFor(() => expect(posted).toHaveLength(1))
      expect(posted[0]?.get("code")).toBe("123456")
      expect(posted[0]?.get("intent")).toBe("verify")
    }
  )

  it("on the last try the sixth digit does not submit by itself", async () => {
    const posted: FormData[] = []
    await mount(
      async (state, data) => {
        posted.push(data)
        return state
      },
      {
        ...codeStep,
        alert: {
          kind: "error",
          code: "invalid_code",
          message: "",
          action: "",
          field: "code",
          attemptsLeft: 1,
        },
      }
    )
    const input = container.querySelector<HTMLInputElement>("input[name=code]")!
    await type(input, "123456")
    expect(input.value).toBe("123456")
    // type() ran inside act(), so the field's effects (the auto-submit) have run.
    expect(posted).toHaveLength(0)
    expect(
      container.querySelector(".lwl-root")?.getAttribute("data-pending")
    ).toBeNull()
  })

  it("a wrong code: the alert is announced and focus returns to an empty code field", async () => {
    await mount(
      async (state) => ({
        ...state,
        seq: state.seq + 1,
        alert: {
          kind: "error",
          code: "invalid_code",
          message: "That code is not right.",
          action: "Check it.",
          field: "code",
        },
      }),
      codeStep
    )
    const input = container.querySelector<HTMLInputElement>("input[name=code]")!
    await type(input, "111111")
    await vi.waitFor(() =>
      expect(container.querySelector("[data-code=invalid_code]")).not.toBeNull()
    )
    const live = container.querySelector("[aria-live=polite]")!
    expect(live.textContent).toContain("That code is not right.")
    const fresh = container.querySelector<HTMLInputElement>("input[name=code]")!
    expect(fresh.value).toBe("")
    await vi.waitFor(() => expect(document.activeElement).toBe(fresh))
  })

  it("the resend button waits out its countdown once hydrated", async () => {
    await mount(noAction, { ...codeStep, resendAt: Date.now() + 20_000 })
    const resend = [...container.querySelectorAll("button")].find(
      (b) => b.textContent === "Send a new code"
    )!
    expect(resend.disabled).toBe(true)
    expect(container.textContent).toMatch(/ask for a new code in 0:\d\d\./)
  })

  it("a code sent in one tab shows in the other; a sign-in in one refreshes the other", async () => {
    const other = document.createElement("div")
    document.body.append(other)
    const otherPosts: string[] = []
    // Tab B, at the email step: it asks the server for the state when told.
    await mount(
      async (state, data) => {
        otherPosts.push(String(data.get("intent")))
        return { ...codeStep, seq: state.seq + 1 }
      },
      emailStep,
      other
    )
    // Tab A sends a code.
    const rootA = await mount(
      async (state) => ({
        ...codeStep,
        seq: state.seq + 1,
        alert: {
          kind: "info",
          code: "code_sent",
          message: "",
          action: "",
          quiet: true,
        },
      }),
      emailStep
    )
    const email =
      container.querySelector<HTMLInputElement>("input[name=email]")!
    await type(email, "jo@example.com")
    await act(async () => email.form!.requestSubmit())
    await vi.waitFor(() => expect(otherPosts).toEqual(["resume"]))
    await vi.waitFor(() =>
      expect(other.querySelector(".lwl-root")?.getAttribute("data-step")).toBe(
        "code"
      )
    )
    expect(other.textContent).toContain("This sign-in changed in another tab.")

    // Tab A submits the right code and the page leaves (a server redirect): B refreshes.
    // Never answered while the test looks (the page is leaving); settled at the end, since React
    // holds every later action of the page behind an unsettled one.
    let leave: (state: LinkSignInState) => void = () => {}
    const pending = new Promise<LinkSignInState>((resolve) => (leave = resolve))
    await act(async () =>
      rootA.render(
        <LinkSignInForm
          action={() => pending}
          state={codeStep}
          onSignedInElsewhere={refresh}
          key="a2"
        />
      )
    )
    const code = container.querySelector<HTMLInputElement>("input[name=code]")!
    await type(code, "123456")
    await act(async () => rootA.unmount())
    roots = roots.filter((root) => root !== rootA)
    await vi.waitFor(() => expect(refresh).toHaveBeenCalled())
    leave(codeStep)
  })

  it("pressing the OAuth button posts intent=oauth (and the callback URL) to the action", async () => {
    const posted: FormData[] = []
    const root = createRoot(container)
    roots.push(root)
    await act(async () =>
      root.render(
        <LinkSignInForm
          action={async (state, data) => {
            posted.push(data)
            return state
          }}
          state={emailStep}
          callbackUrl="/orders"
          oauth="above"
        />
      )
    )
    const button = container.querySelector<HTMLButtonElement>(
      "button[name=intent]"
    )!
    // What a browser's click on the button dispatches (happy-dom's click() leaves out the
    // submitter, which React reads the button's name and value from).
    await act(async () =>
      button.form!.dispatchEvent(
        new SubmitEvent("submit", {
          bubbles: true,
          cancelable: true,
          submitter: button,
        })
      )
    )
    await vi.waitFor(() => expect(posted).toHaveLength(1))
    expect(posted[0]?.get("intent")).toBe("oauth")
    expect(posted[0]?.get("callbackUrl")).toBe("/orders")
  })

  it("in the browser, the page's ?callbackUrl= and ?email= are read from its address", async () => {
    window.history.replaceState(
      null,
      "",
      "/login?callbackUrl=%2Fcheckout&email=Jo%40Example.com"
    )
    try {
      await mount(noAction, emailStep)
      expect(
        container.querySelector<HTMLInputElement>("input[name=callbackUrl]")
          ?.value
      ).toBe("/checkout")
      expect(
        container.querySelector<HTMLInputElement>("input[name=email]")?.value
      ).toBe("jo@example.com")
    } finally {
      window.history.replaceState(null, "", "/")
    }
  })

  it.each([
    ["/account?tab=orders", "/account?tab=orders"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example/", "/"],
  ])(
    "a driver that signs in in the browser (redirectTo %j): the form goes to %j and tells the other tabs",
    async (redirectTo, expected) => {
      const other = document.createElement("div")
      document.body.append(other)
      await mount(noAction, emailStep, other)
      const onSignedIn = vi.fn((to: string) => void to)
      const root = createRoot(container)
      roots.push(root)
      await act(async () =>
        root.render(
          <LinkSignInForm
            action={async (state) => ({ ...state, seq: 1, redirectTo })}
            state={codeStep}
            onSignedIn={onSignedIn}
          />
        )
      )
      const code =
        container.querySelector<HTMLInputElement>("input[name=code]")!
      await type(code, "123456")
      await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(expected))
      await vi.waitFor(() => expect(refresh).toHaveBeenCalled())
    }
  )
})
