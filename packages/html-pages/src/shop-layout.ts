/**
 * The frame of every shop page: the head, the bar with the shop's name and who is signed in (with
 * a sign-out form that works without script), and the main column.
 * @module
 */
import { html, raw } from "hono/html"
import type { Html } from "./html.js"
import { shopStyles, type ShopTheme } from "./shop-styles.js"

/** What makes a shop look like itself. */
export interface Shop {
  /** The name in two halves: the second is drawn in the accent colour ("Corner" "Store"). */
  name: readonly [string, string]
  theme: ShopTheme
}

/** Props of {@link shopLayout}. */
export interface ShopLayoutProps {
  shop: Shop
  /** The page's own title; " · <shop name>" follows it. */
  title: string
  /** The signed-in person's name as the bar shows it (a link to `/account`); none: "Sign in". */
  signedInAs?: string | undefined
  body: Html
}

/**
 * A whole page: `<!doctype html>` to `</html>`, no script, sign-out a POST to `/logout`.
 *
 * @example
 * ```ts
 * c.html(shopLayout({ shop, title: "Your account", signedInAs: "Jo Doe", body }))
 * ```
 */
export function shopLayout(props: ShopLayoutProps): Html {
  const { shop, title, signedInAs, body } = props
  const [first, second] = shop.name
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${title} · ${first} ${second}</title>
        <style>
          ${raw(shopStyles(shop.theme))}
        </style>
      </head>
      <body>
        <header>
          <div class="bar">
            <a class="logo" href="/">${first}<span>${second}</span></a>
            <nav aria-label="Account">
              ${
                signedInAs
                  ? html`<a href="/account">${signedInAs}</a>
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
