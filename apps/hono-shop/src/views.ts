/**
 * The shop's pages: server-rendered HTML, escaped by hono/html, no client script.
 * @module
 */
import { html, raw } from "hono/html"
import type { HtmlEscapedString } from "hono/utils/html"
import type { ShopSession } from "./session.js"

type Html = HtmlEscapedString | Promise<HtmlEscapedString>

const styles = `
:root{--ink:#1d1b16;--muted:#6b6558;--line:#e8e2d6;--bg:#fbf8f2;--card:#fff;--accent:#c2410c;--accent-ink:#fff;--ok:#166534;--ok-bg:#e8f5ec;--error:#b3261e;--error-bg:#fdecea}
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
main{max-width:960px;margin:0 auto;padding:32px 24px 64px}
.hero{display:grid;gap:12px;padding:40px;border-radius:20px;background:linear-gradient(135deg,#fff7ed,#fde7d4);border:1px solid #f6d7bd;margin-bottom:32px}
.hero h1{font-size:36px;line-height:1.15;margin:0;letter-spacing:-.02em}
.hero p{margin:0;color:var(--muted);max-width:560px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:20px}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;overflow:hidden}
.card .art{height:140px;display:grid;place-items:center;font:italic 700 64px/1 Georgia,'DejaVu Serif',serif}
.card .body{padding:14px 16px}
.card h3{margin:0 0 4px;font-size:17px}
.card p{margin:0;color:var(--muted);font-size:14px}
.price{font-weight:700;color:var(--ink)!important;margin-top:8px!important}
.button{display:inline-block;font:inherit;font-weight:600;padding:10px 18px;border-radius:10px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-ink);cursor:pointer;text-decoration:none}
.button.secondary{background:transparent;color:var(--ink);border-color:#cfc6b5}
.link{font:inherit;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline;color:inherit}
.panel{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:28px;max-width:560px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 20px;margin:16px 0 24px}
dt{color:var(--muted)}
dd{margin:0;word-break:break-all}
.notice{padding:12px 16px;border-radius:10px;background:var(--ok-bg);color:var(--ok);margin:0 0 24px}
.alert{padding:12px 16px;border-radius:10px;background:var(--error-bg);color:var(--error);margin:0 0 24px}
.explain{margin-top:40px;color:var(--muted);font-size:14px;max-width:640px}
:focus-visible{outline:3px solid #fb923c;outline-offset:2px}
`

const products = [
  {
    ink: "#7c4a1e",
    bg: "#f5e6d3",
    name: "Morning Blend",
    blurb: "Whole beans, 250 g",
    price: "$14",
  },
  {
    ink: "#2f5d3a",
    bg: "#e3efe6",
    name: "Stoneware Teapot",
    blurb: "Hand-glazed, 0.8 l",
    price: "$38",
  },
  {
    ink: "#8a5a00",
    bg: "#fbefc9",
    name: "Wildflower Honey",
    blurb: "Raw, 340 g",
    price: "$11",
  },
  {
    ink: "#3f3a7a",
    bg: "#e6e4f4",
    name: "Merino Scarf",
    blurb: "Undyed wool",
    price: "$45",
  },
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
        <title>${title} · Corner Store</title>
        <style>
          ${raw(styles)}
        </style>
      </head>
      <body>
        <header>
          <div class="bar">
            <a class="logo" href="/">Corner<span>Store</span></a>
            <nav aria-label="Account">
              ${
                session
                  ? html`<a href="/account">${session.name ?? session.email}</a>
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

/** The home page: a few things to buy, and who is signed in. */
export function homePage(
  session: ShopSession | undefined,
  notice?: string,
  mode: "oidc" | "oauth" = "oidc"
): Html {
  return layout(
    "Home",
    session,
    html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
      <section class="hero">
        <h1>
          ${session ? `Welcome back, ${session.name ?? session.email}` : "Small things, well made"}
        </h1>
        <p>
          Coffee, tea and a few warm things.
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
      <h2>This week</h2>
      <div class="grid">
        ${products.map(
          (p) =>
            html`<article class="card">
              <div class="art" style="background:${p.bg}" aria-hidden="true">
                <span style="color:${p.ink}">${p.name.slice(0, 1)}</span>
              </div>
              <div class="body">
                <h3>${p.name}</h3>
                <p>${p.blurb}</p>
                <p class="price">${p.price}</p>
              </div>
            </article>`
        )}
      </div>
      <p class="explain">
        ${
          mode === "oauth"
            ? html`Sign-in here is
                <strong>Link's own sign-in page</strong> (OAuth 2): Link proves
                who you are, and this shop reads your Link profile once.`
            : html`Sign-in here is
                <strong>Login with Link over OpenID Connect</strong>: the hosted
                page proves who you are and hands this shop an ID token.`
        }
        Staying signed in is this shop's own business: a signed cookie, made by
        this Hono app.
      </p>`
  )
}

/** The account page: what the ID token said. */
export function accountPage(session: ShopSession): Html {
  return layout(
    "Your account",
    session,
    html`<div class="panel">
      <h1>Your account</h1>
      <dl>
        <dt>Name</dt>
        <dd>${session.name ?? "(not shared by Link)"}</dd>
        <dt>Email</dt>
        <dd>${session.email}</dd>
        <dt>Account id</dt>
        <dd><code>${session.sub}</code></dd>
        <dt>Signed in until</dt>
        <dd>${new Date(session.exp * 1000).toUTCString()}</dd>
      </dl>
      <form method="post" action="/logout">
        <button class="button secondary" type="submit">Sign out</button>
      </form>
    </div>`
  )
}

/** A failure with a way forward. */
export function errorPage(
  session: ShopSession | undefined,
  title: string,
  message: string
): Html {
  return layout(
    title,
    session,
    html`<div class="panel">
      <h1>${title}</h1>
      <p class="alert" role="alert">${message}</p>
      <a class="button" href="/login">Try signing in again</a>
      <a class="button secondary" href="/">Back to the shop</a>
    </div>`
  )
}
