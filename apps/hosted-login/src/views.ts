/**
 * The hosted page's HTML: server-rendered, no client script, one form per step, labelled fields,
 * errors in a live region. Every value is escaped by hono/html.
 * @module
 */
import { html, raw } from "hono/html"
import {
  codeField,
  emailField,
  phoneEnding,
  type Html,
} from "@login-with-link/html-pages"

const styles = `
:root{color-scheme:light;--ink:#0b1f17;--muted:#52615a;--line:#d7e0dc;--accent:#05733f;--accent-ink:#fff;--bg:#f4f7f5;--error:#b3261e;--error-bg:#fdecea}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:24px;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:100%;max-width:400px;background:#fff;border:1px solid var(--line);border-radius:16px;padding:32px;box-shadow:0 8px 24px rgba(11,31,23,.06)}
.brand{display:flex;align-items:center;gap:8px;font-weight:600;margin:0 0 24px;color:var(--muted);font-size:14px}
.brand svg{flex:none}
h1{font-size:22px;line-height:1.3;margin:0 0 8px}
p{margin:0 0 16px}
.lede{color:var(--muted)}
.phone{white-space:nowrap}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
label{display:block;font-weight:600;margin:0 0 6px}
input{display:block;width:100%;font:inherit;padding:12px 14px;border:1px solid #aab8b1;border-radius:10px;margin:0 0 16px;background:#fff;color:inherit}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #7fd8ab;outline-offset:2px}
input[aria-invalid=true]{border-color:var(--error)}
input.code{font-size:24px;letter-spacing:.3em;text-align:center;font-variant-numeric:tabular-nums}
button,.button{display:block;width:100%;font:inherit;font-weight:600;padding:12px 16px;border-radius:10px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-ink);cursor:pointer;text-align:center;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:var(--ink);border-color:#aab8b1;margin-top:12px}
.link{background:none;border:0;padding:0;color:var(--accent);text-decoration:underline;width:auto;display:inline;font-weight:500}
.alert{border-radius:10px;padding:12px 14px;margin:0 0 16px;background:var(--error-bg);color:var(--error)}
.is-empty{display:none}
.notice{border-radius:10px;padding:12px 14px;margin:0 0 16px;background:#e6f6ee;color:#0d5132}
.row{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap;margin-top:16px;font-size:14px}
.hint{font-size:14px;color:var(--muted)}
footer{margin-top:16px;font-size:13px;color:var(--muted);text-align:center}
ul.scopes{padding-left:20px;margin:0 0 16px}
`

const logo = raw(
  `<svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true"><rect width="20" height="20" rx="6" fill="#00a85a"/><path d="M6 10.5l2.5 2.5L14 7.5" stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>`
)

/** The frame of every page. */
export function layout(title: string, body: Html, clientName?: string): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} · Login with Link</title>
        <style>
          ${raw(styles)}
        </style>
      </head>
      <body>
        <main>
          <p class="brand">
            ${logo} Login with
            Link${clientName ? html` · for ${clientName}` : ""}
          </p>
          ${body}
        </main>
        <footer>
          Link checks your email and phone. The shop receives your email and
          name, never your phone number.
        </footer>
      </body>
    </html>`
}

/** A message shown in the error region: what happened and what to do next. */
export interface PageError {
  message: string
  action: string
}

function alert(error: PageError | undefined): Html {
  return html`<div
    class="alert${error ? "" : " is-empty"}"
    id="form-error"
    role="alert"
    aria-live="assertive"
  >
    ${error ? html`<strong>${error.message}</strong> ${error.action}` : ""}
  </div>`
}

/** Step 1: the email. */
export function emailPage(props: {
  action: string
  clientName: string
  email?: string
  error?: PageError
}): Html {
  return layout(
    "Sign in",
    html`<h1>Sign in to ${props.clientName}</h1>
      <p class="lede">
        Enter the email you use with Link. We'll text a 6-digit code to the
        phone on your Link account.
      </p>
      ${alert(props.error)}
      <form method="post" action="${props.action}" novalidate>
        ${emailField({
          label: "Email address",
          value: props.email,
          invalid: Boolean(props.error),
        })}
        <button type="submit">Continue</button>
      </form>`,
    props.clientName
  )
}

/** Step 2: the code sent by SMS. */
export function codePage(props: {
  action: string
  resendAction: string
  restartHref: string
  clientName: string
  challenge: string
  email: string
  redactedPhone: string
  resendAt: number
  expiresAt: number
  resendInSeconds: number
  /** The notice already says how long until a new code (an early "Send a new code"). */
  waitInNotice?: boolean
  expiresInMinutes: number
  error?: PageError
  notice?: string
}): Html {
  // Only the sealed challenge is posted back: the email, phone and times shown come from it.
  const hidden = html`<input
    type="hidden"
    name="challenge"
    value="${props.challenge}"
  />`
  return layout(
    "Enter your code",
    html`<h1>Enter your code</h1>
      <p class="lede">
        We texted a 6-digit code to
        <strong>${phoneEnding(props.redactedPhone)}</strong>, the phone on the
        Link account of <strong>${props.email}</strong>.
      </p>
      <div
        class="notice${props.notice ? "" : " is-empty"}"
        role="status"
        aria-live="polite"
      >
        ${props.notice ?? ""}
      </div>
      ${alert(props.error)}
      <form method="post" action="${props.action}" novalidate>
        ${hidden}
        ${codeField({
          invalid: Boolean(props.error),
          minutesLeft: props.expiresInMinutes,
        })}
        <button type="submit">Verify and continue</button>
      </form>
      <form method="post" action="${props.resendAction}">
        ${hidden}
        <button type="submit" class="secondary">Send a new code</button>
      </form>
      ${
        props.waitInNotice
          ? ""
          : html`<p class="hint">
              ${
                props.resendInSeconds > 0
                  ? `Didn't get it? You can ask for a new code in ${props.resendInSeconds} seconds.`
                  : "Didn't get it? You can ask for a new code now."
              }
            </p>`
      }
      <div class="row">
        <a href="${props.restartHref}">Use a different email</a>
      </div>`,
    props.clientName
  )
}

/** The invite for an email that is not on Link. */
export function invitePage(props: {
  clientName: string
  email: string
  signupUrl: string
  restartHref: string
  message: PageError
}): Html {
  return layout(
    "Join Link",
    html`<h1>${props.email} isn't on Link yet</h1>
      <div class="notice" role="status" aria-live="polite">
        ${props.message.message} ${props.message.action}
      </div>
      <p class="lede">
        Link is Stripe's one-click checkout. Join once, then sign in here with a
        code sent to your phone.
      </p>
      <a class="button" href="${props.signupUrl}">Sign up for Link</a>
      <a class="button secondary" href="${props.restartHref}"
        >Use a different email</a
      >`,
    props.clientName
  )
}

/** Consent, for clients that are not first-party. */
export function consentPage(props: {
  action: string
  abortHref: string
  clientName: string
  claims: string[]
}): Html {
  return layout(
    "Share your details",
    html`<h1>Share your details with ${props.clientName}?</h1>
      <p class="lede">${props.clientName} is asking for:</p>
      <ul class="scopes">
        ${props.claims.map((claim) => html`<li>${claim}</li>`)}
      </ul>
      <form method="post" action="${props.action}">
        <button type="submit">Allow</button>
      </form>
      <a class="button secondary" href="${props.abortHref}">Cancel</a>`,
    props.clientName
  )
}

/** A dead end with a way out: expired interactions, unknown pages, protocol errors. */
export function messagePage(props: {
  title: string
  message: string
  action?: string
}): Html {
  return layout(
    props.title,
    html`<h1>${props.title}</h1>
      <div class="alert" role="alert">${props.message}</div>
      ${props.action ? html`<p>${props.action}</p>` : ""}`
  )
}

/** The issuer's home: what this server is. */
export function homePage(issuer: string): Html {
  return layout(
    "Hosted sign-in",
    html`<h1>Login with Link, hosted</h1>
      <p class="lede">
        An OpenID Provider: shops send people here to sign in with their Link
        email and a code texted to their phone, and get back an ID token.
      </p>
      <p>
        Discovery:
        <a href="${issuer}/.well-known/openid-configuration"
          >${issuer}/.well-known/openid-configuration</a
        >
      </p>`
  )
}

/** oidc-provider's RP-initiated logout confirmation; `form` is its own (hidden xsrf field). */
export function logoutPage(form: string, clientName?: string): Html {
  return layout(
    "Sign out",
    html`<h1>Sign out of Login with Link?</h1>
      <p class="lede">
        ${clientName ? `You signed out of ${clientName}. ` : ""}Also end your
        Login with Link session on this device, so the next sign-in asks for a
        code again?
      </p>
      ${raw(form)}
      <button
        type="submit"
        form="op.logoutForm"
        value="yes"
        name="logout"
        autofocus
      >
        Yes, sign me out
      </button>
      <button type="submit" form="op.logoutForm" class="secondary">
        No, stay signed in
      </button>`,
    clientName
  )
}
