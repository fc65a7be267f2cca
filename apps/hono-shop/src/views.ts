/**
 * The shop's pages: server-rendered HTML, escaped by hono/html, no client script. The frame,
 * stylesheet and account panel are the workspace's shop parts (`@login-with-link/html-pages`);
 * what is the Corner Store's own is here: its colours, its products and its words.
 * @module
 */
import { html } from "hono/html"
import {
  accountPanel,
  hero,
  productGrid,
  shopLayout,
  type Html,
  type Shop,
} from "@login-with-link/html-pages"
import type { ShopSession } from "./session.js"

const shop: Shop = {
  name: ["Corner", "Store"],
  theme: {
    accent: "#c2410c",
    heroFrom: "#fff7ed",
    heroTo: "#fde7d4",
    heroLine: "#f6d7bd",
    focus: "#fb923c",
  },
}

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
  return shopLayout({
    shop,
    title,
    signedInAs: session ? (session.name ?? session.email) : undefined,
    body,
  })
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
      ${hero(
        session
          ? {
              title: `Welcome back, ${session.name ?? session.email}`,
              lede: "Coffee, tea and a few warm things. You're signed in with Link.",
              action: { href: "/account", label: "Your account" },
            }
          : {
              title: "Small things, well made",
              lede: "Coffee, tea and a few warm things. Sign in with Link: your email, a code by text, done. No password to make up.",
              action: { href: "/login", label: "Sign in with Link" },
            }
      )}
      <h2>This week</h2>
      ${productGrid(products)}
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

/**
 * The account page: the person's name and email, and how long this browser stays signed in. The
 * `sub` the shop keys them by is not shown: it means nothing to them.
 */
export function accountPage(session: ShopSession, now = new Date()): Html {
  return layout(
    "Your account",
    session,
    accountPanel({
      name: session.name,
      email: session.email,
      expiresAt: new Date(session.exp * 1000),
      now,
    })
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
      <div class="stack">
        <a class="button wide" href="/login">Try signing in again</a>
        <a class="button secondary wide" href="/">Back to the shop</a>
      </div>
    </div>`
  )
}
