/**
 * The shop's pages: server-rendered HTML, escaped by hono/html, no client script. Every form
 * works without JavaScript; errors sit in an alert region with the code in `data-code`.
 * @module
 */
import { html, raw } from "hono/html"
import type { HtmlEscapedString } from "hono/utils/html"

type Html = HtmlEscapedString | Promise<HtmlEscapedString>

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

const styles = `
:root{color-scheme:light;--ink:#1c1a17;--muted:#5f594f;--line:#e6e0d4;--bg:#faf7f1;--card:#fff;--accent:#1f5f8b;--accent-ink:#fff;--ok:#1d5e37;--ok-bg:#e7f4ec;--error:#b3261e;--error-bg:#fdecea}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:inherit}
header{border-bottom:1px solid var(--line);background:var(--card)}
.bar{max-width:960px;margin:0 auto;padding:14px 24px;display:flex;align-items:center;justify-content:space-between;gap:16px}
.logo{font-weight:800;letter-spacing:-.02em;font-size:20px;text-decoration:none}
.logo span{color:var(--accent)}
nav{display:flex;align-items:center;gap:16px;font-size:15px}
nav a{text-decoration:none}
nav a:hover{text-decoration:underline}
nav form{margin:0}
main{max-width:960px;margin:0 auto;padding:32px 24px 64px}
.hero{display:grid;gap:12px;padding:40px;border-radius:20px;background:linear-gradient(135deg,#eef5fa,#dcebf5);border:1px solid #c8dceb;margin-bottom:32px}
.hero h1{font-size:36px;line-height:1.15;margin:0;letter-spacing:-.02em}
.hero p{margin:0;color:var(--muted);max-width:560px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:20px}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;overflow:hidden}
.card .art{height:120px;display:grid;place-items:center;font:italic 700 56px/1 Georgia,'DejaVu Serif',serif}
.card .body{padding:14px 16px}
.card h3{margin:0 0 4px;font-size:17px}
.card p{margin:0;color:var(--muted);font-size:14px}
.price{font-weight:700;color:var(--ink)!important;margin-top:8px!important}
.button{display:inline-block;font:inherit;font-weight:600;padding:10px 18px;border-radius:10px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-ink);cursor:pointer;text-decoration:none;text-align:center}
.button.secondary{background:transparent;color:var(--ink);border-color:#c9c0ae}
.button.wide{display:block;width:100%}
.link{font:inherit;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline;color:inherit}
.panel{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:28px;max-width:460px;margin:0 auto}
.panel h1{font-size:26px;line-height:1.25;margin:0 0 8px}
.panel form{margin:0}
.panel form.after{margin-top:12px}
.lede{color:var(--muted);margin:0 0 20px}
label{display:block;font-weight:600;margin:0 0 6px}
input{display:block;width:100%;font:inherit;padding:12px 14px;border:1px solid #b3aa98;border-radius:10px;margin:0 0 16px;background:#fff;color:inherit}
input[aria-invalid=true]{border-color:var(--error)}
input.code{font-size:24px;letter-spacing:.3em;text-align:center;font-variant-numeric:tabular-nums}
.stack{display:grid;gap:12px}
.hint{font-size:14px;color:var(--muted);margin:0 0 16px}
.after{margin-top:12px}
.wait{color:var(--ink)}
.row{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap;margin-top:20px;font-size:14px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 20px;margin:16px 0 24px}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
.notice{padding:12px 16px;border-radius:10px;background:var(--ok-bg);color:var(--ok);margin:0 0 20px}
.alert{padding:12px 16px;border-radius:10px;background:var(--error-bg);color:var(--error);margin:0 0 20px}
.demo{background:var(--card);border:1px dashed #9fbfd6;border-radius:16px;padding:18px 22px;margin:0 0 32px}
.demo h2{font-size:18px;margin:0 0 6px}
.demo p{margin:0 0 8px}
.demo .hint{margin:0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.divider{display:flex;align-items:center;gap:12px;color:var(--muted);font-size:14px;margin:20px 0}
.divider::before,.divider::after{content:"";flex:1;border-top:1px solid var(--line)}
.explain{margin-top:40px;color:var(--muted);font-size:14px;max-width:640px}
:focus-visible{outline:3px solid #5aa9e0;outline-offset:2px}
`

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
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${title} · Little Pantry</title>
        <style>
          ${raw(styles)}
        </style>
      </head>
      <body>
        <header>
          <div class="bar">
            <a class="logo" href="/">Little<span>Pantry</span></a>
            <nav aria-label="Account">
              ${
                session
                  ? html`<a href="/account"
                        >${session.user.name || session.user.email}</a
                      >
                      <form method="post" action="/logout">
                        <button class="link" type="submit">Sign out</button>
                      </form>`
                  : html`<a class="button" href="/login">Sign in</a>`
              }
            </nav>
          </div>
        </header>
        <main>${body}</main>
      </body>
    </html>`
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
      <section class="hero">
        <h1>
          ${name ? `Welcome back, ${name}` : "Good things for the pantry"}
        </h1>
        <p>
          Bread, oil, jam and tea.
          ${
            session
              ? "You're signed in with Link."
              : "Sign in with Link: your email, a code by text, done. No password to make up."
          }
        </p>
        <div>
          ${
            session
              ? html`<a class="button" href="/account">Your account</a>`
              : html`<a class="button" href="/login">Sign in with Link</a>`
          }
        </div>
      </section>
      ${props.outboxUrl && !session ? demoNotice(props.outboxUrl) : ""}
      <h2>In the pantry</h2>
      <div class="grid">
        ${products.map(
          (p) =>
            html`<article class="card">
              <div class="art" style="background:${p.bg}" aria-hidden="true">
                <span style="color:${p.ink}">${p.name.slice(0, 1)}</span>
              </div>
              <div class="body">
                <h3>${p.name}</h3>
                <p class="price">${p.price}</p>
              </div>
            </article>`
        )}
      </div>
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
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          inputmode="email"
          maxlength="254"
          required
          autofocus
          value="${props.email ?? ""}"
          aria-invalid="${props.error ? "true" : "false"}"
          ${props.error ? raw('aria-describedby="form-error"') : ""}
        />
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
        We texted a 6-digit code to <strong>${props.redactedPhone}</strong>, the
        phone on the Link account of <strong>${props.email}</strong>.
      </p>
      ${props.notice ? html`<p class="notice" role="status">${props.notice}</p>` : ""}
      ${alert(props.error)}
      <form method="post" action="/login/code" novalidate>
        <label for="code">6-digit code</label>
        <input
          id="code"
          class="code"
          name="code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 \\-]*"
          maxlength="9"
          required
          autofocus
          aria-invalid="${props.error ? "true" : "false"}"
          aria-describedby="code-hint${props.error ? " form-error" : ""}"
        />
        <p class="hint" id="code-hint">
          ${
            minutesLeft > 0
              ? `The code works for ${minutesLeft} more ${minutesLeft === 1 ? "minute" : "minutes"}.`
              : ""
          }
          Spaces and dashes are fine.
        </p>
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
              texted to ${props.redactedPhone} still works.
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

/** How long a session still lasts, in words: "7 more days", "5 more hours", "1 more minute". */
export function timeLeft(expiresAt: Date, now: Date): string {
  const minutes = Math.max(
    1,
    Math.round((expiresAt.getTime() - now.getTime()) / 60_000)
  )
  const [count, unit] =
    minutes >= 48 * 60
      ? [Math.round(minutes / (24 * 60)), "day"]
      : minutes >= 120
        ? [Math.round(minutes / 60), "hour"]
        : [minutes, "minute"]
  return `${count} more ${unit}${count === 1 ? "" : "s"}`
}

/**
 * The account page: who Better Auth says is signed in. How long the session lasts is said as a
 * span ("for 7 more days"), which reads the same in every time zone: a page without script cannot
 * know the reader's clock. The exact instant is in the `<time>` element.
 */
export function accountPage(session: ShopSession, now = new Date()): Html {
  const expiresAt = new Date(session.session.expiresAt)
  return layout(
    "Your account",
    session,
    html`<div class="panel">
      <h1>Your account</h1>
      <dl>
        <dt>Name</dt>
        <dd>${session.user.name || "(not shared by Link)"}</dd>
        <dt>Email</dt>
        <dd>${session.user.email}</dd>
        <dt>Signed in</dt>
        <dd>
          for
          <time datetime="${expiresAt.toISOString()}"
            >${timeLeft(expiresAt, now)}</time
          >, on this browser
        </dd>
      </dl>
      <form method="post" action="/logout">
        <button class="button secondary" type="submit">Sign out</button>
      </form>
    </div>`
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
