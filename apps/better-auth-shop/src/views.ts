/**
 * The shop's pages: server-rendered HTML, escaped by hono/html, no client script. Every form
 * works without JavaScript; errors sit in an alert region with the code in `data-code`. The frame,
 * stylesheet, code field and account panel are the workspace's shop parts
 * (`@login-with-link/html-pages`); what is the Little Pantry's own is here: its colours, its
 * products and the sign-in steps' words.
 * @module
 */
import { html } from "hono/html"
import {
  accountPanel,
  codeField,
  emailField,
  hero,
  phoneEnding,
  productGrid,
  shopLayout,
  type Html,
  type Shop,
} from "@login-with-link/html-pages"

/** The signed-in person, as Better Auth's session says. */
export interface ShopUser {
  id: string
  email: string
  name: string
  emailVerified: boolean
}

/** The signed-in session, as Better Auth's session says. */
export interface ShopSession {
  user: ShopUser
  session: { expiresAt: string }
}

/** A coded message for the alert region: what happened, then what to do next. */
export interface PageError {
  code: string
  message: string
  action: string
}

const shop: Shop = {
  name: ["Little", "Pantry"],
  theme: {
    accent: "#1f5f8b",
    heroFrom: "#eef5fa",
    heroTo: "#dcebf5",
    heroLine: "#c8dceb",
    focus: "#5aa9e0",
  },
}

/** The simulator's demo person. */
export const DEMO_EMAIL = "jo@example.com"

const products = [
  { ink: "#7c4a1e", bg: "#f5e6d3", name: "Rye Sourdough", price: "$7" },
  { ink: "#2f5d3a", bg: "#e3efe6", name: "Olive Oil, 500 ml", price: "$18" },
  { ink: "#8a5a00", bg: "#fbefc9", name: "Apricot Jam", price: "$9" },
  { ink: "#3f3a7a", bg: "#e6e4f4", name: "Earl Grey, loose", price: "$12" },
]

/** The frame of every page. */
export function layout(
  title: string,
  session: ShopSession | undefined,
  body: Html
): Html {
  return shopLayout({
    shop,
    title,
    signedInAs: session ? session.user.name || session.user.email : undefined,
    body,
  })
}

function alert(error: PageError | undefined): Html {
  return error
    ? html`<p
        class="alert"
        id="form-error"
        role="alert"
        data-code="${error.code}"
      >
        <strong>${error.message}</strong> ${error.action}
      </p>`
    : html``
}

/** The home page: a few things to buy, and who is signed in. */
export function homePage(
  session: ShopSession | undefined,
  props: {
    notice?: string
    how: string
    /** Development: the simulator's SMS outbox, where the demo account's codes arrive. */
    outboxUrl?: string | undefined
  }
): Html {
  const name = session ? session.user.name || session.user.email : undefined
  return layout(
    "Home",
    session,
    html`${props.notice ? html`<p class="notice" role="status">${props.notice}</p>` : ""}
      ${hero(
        name
          ? {
              title: `Welcome back, ${name}`,
              lede: "Bread, oil, jam and tea. You're signed in with Link.",
              action: { href: "/account", label: "Your account" },
            }
          : {
              title: "Good things for the pantry",
              lede: "Bread, oil, jam and tea. Sign in with Link: your email, a code by text, done. No password to make up.",
              action: { href: "/login", label: "Sign in with Link" },
            }
      )}
      ${props.outboxUrl && !session ? demoNotice(props.outboxUrl) : ""}
      <h2>In the pantry</h2>
      ${productGrid(products)}
      <p class="explain">${props.how}</p>`
  )
}

/** The demo account and where its codes arrive, when the shop runs on the Link simulator. */
function demoNotice(outboxUrl: string): Html {
  return html`<aside class="demo" aria-labelledby="demo-title">
    <h2 id="demo-title">Try Login with Link</h2>
    <p>
      This shop runs on the Link simulator, so no real text message is sent.
      Sign in with the demo account <strong>${DEMO_EMAIL}</strong>, then read
      the six-digit code in the
      <a href="${outboxUrl}" target="_blank" rel="noreferrer"
        >simulator's SMS outbox<span class="visually-hidden">
          (opens in a new tab)</span
        ></a
      >.
    </p>
    <p class="hint">
      Any other email shows the invitation to sign up for Link.
    </p>
  </aside>`
}

/** Sign-in, step 1: the email. */
export function emailPage(props: {
  returnTo: string
  email?: string | undefined
  error?: PageError | undefined
  notice?: string | undefined
  /** Mode `oauth`: "Continue with Link" (Link's own page) above the email step. */
  oauth?: boolean | undefined
}): Html {
  return layout(
    "Sign in",
    undefined,
    html`<div class="panel">
      <h1>Sign in with Link</h1>
      <p class="lede">
        ${
          props.oauth
            ? "Continue on Link's own page, or enter the email you use with Link and we'll text a 6-digit code to the phone on your Link account."
            : "Enter the email you use with Link. We'll text a 6-digit code to the phone on your Link account."
        }
      </p>
      ${props.notice ? html`<p class="notice" role="status">${props.notice}</p>` : ""}
      ${alert(props.error)}
      ${
        props.oauth
          ? html`<form method="post" action="/login/oauth">
                <input
                  type="hidden"
                  name="return_to"
                  value="${props.returnTo}"
                />
                <button class="button wide" type="submit">
                  Continue with Link
                </button>
              </form>
              <p class="divider"><span>or get a code by text message</span></p>`
          : ""
      }
      <form method="post" action="/login" novalidate>
        <input type="hidden" name="return_to" value="${props.returnTo}" />
        ${emailField({ value: props.email, invalid: Boolean(props.error) })}
        <button
          class="button wide${props.oauth ? " secondary" : ""}"
          type="submit"
        >
          ${props.oauth ? "Text me a code" : "Continue with Link"}
        </button>
      </form>
    </div>`
  )
}

/** Sign-in, step 2: the code sent by text message. */
export function codePage(props: {
  email: string
  redactedPhone: string
  expiresAt: number
  resendAt: number
  now: number
  error?: PageError | undefined
  notice?: string | undefined
  /** "Send a new code" was pressed before the wait was over: the wait is the answer. */
  early?: boolean | undefined
  outboxUrl?: string | undefined
}): Html {
  const resendIn = Math.max(0, Math.ceil((props.resendAt - props.now) / 1000))
  const minutesLeft = Math.max(
    0,
    Math.ceil((props.expiresAt - props.now) / 60_000)
  )
  return layout(
    "Enter your code",
    undefined,
    html`<div class="panel">
      <h1>Enter your code</h1>
      <p class="lede">
        We texted a 6-digit code to
        <strong>${phoneEnding(props.redactedPhone)}</strong>, the phone on the
        Link account of <strong>${props.email}</strong>.
      </p>
      ${props.notice ? html`<p class="notice" role="status">${props.notice}</p>` : ""}
      ${alert(props.error)}
      <form method="post" action="/login/code" novalidate>
        ${codeField({ invalid: Boolean(props.error), minutesLeft })}
        <button class="button wide" type="submit">Verify and sign in</button>
      </form>
      <form method="post" action="/login/resend" class="after">
        <button class="button secondary wide" type="submit">
          Send a new code
        </button>
      </form>
      ${
        props.early && resendIn > 0
          ? html`<p class="hint after wait" role="status">
              You can ask for a new code in ${seconds(resendIn)}. The code we
              texted to ${phoneEnding(props.redactedPhone)} still works.
            </p>`
          : html`<p class="hint after">
              ${
                resendIn > 0
                  ? `Didn't get it? You can ask for a new code in ${seconds(resendIn)}.`
                  : "Didn't get it? You can ask for a new code now."
              }
            </p>`
      }
      <div class="row">
        <a href="/login/restart">Use a different email</a>
        ${
          props.outboxUrl
            ? html`<a href="${props.outboxUrl}" target="_blank" rel="noopener"
                >Development: the texted codes</a
              >`
            : ""
        }
      </div>
    </div>`
  )
}

/** "1 second", "25 seconds". */
function seconds(count: number): string {
  return `${count} ${count === 1 ? "second" : "seconds"}`
}

/** An email that is not on Link: the invite to join. */
export function invitePage(props: {
  email: string
  signupUrl: string
  message: { message: string; action: string }
}): Html {
  return layout(
    "Join Link",
    undefined,
    html`<div class="panel">
      <h1>Sign up for Link to continue</h1>
      <p class="notice" role="status" data-code="signup_required">
        ${props.email} isn't on Link yet. ${props.message.action}
      </p>
      <p class="lede">
        Link is Stripe's one-click checkout. Join once with your email and
        phone, then sign in here with a code sent by text.
      </p>
      <div class="stack">
        <a class="button wide" href="${props.signupUrl}">Sign up for Link</a>
        <a class="button secondary wide" href="/login/restart"
          >Use a different email</a
        >
      </div>
    </div>`
  )
}

/** The account page: who Better Auth says is signed in, and for how long on this browser. */
export function accountPage(session: ShopSession, now = new Date()): Html {
  return layout(
    "Your account",
    session,
    accountPanel({
      name: session.user.name,
      email: session.user.email,
      expiresAt: new Date(session.session.expiresAt),
      now,
    })
  )
}

/** A failure with a way forward. */
export function messagePage(
  session: ShopSession | undefined,
  props: { title: string; error: PageError }
): Html {
  return layout(
    props.title,
    session,
    html`<div class="panel">
      <h1>${props.title}</h1>
      ${alert(props.error)}
      <div class="stack">
        <a class="button wide" href="/login">Sign in</a>
        <a class="button secondary wide" href="/">Back to the shop</a>
      </div>
    </div>`
  )
}
