/**
 * The parts of a shop's home page: the hero with its one call to action, and the product cards.
 * @module
 */
import { html } from "hono/html"
import type { Html } from "./html.js"

/** Props of {@link hero}. */
export interface HeroProps {
  title: string
  lede: string
  action: { href: string; label: string }
}

/**
 * The hero: a heading, a sentence and one button.
 *
 * @example
 * ```ts
 * hero({ title: "Small things, well made", lede: "Coffee, tea…", action: { href: "/login", label: "Sign in with Link" } })
 * ```
 */
export function hero(props: HeroProps): Html {
  return html`<section class="hero">
    <h1>${props.title}</h1>
    <p>${props.lede}</p>
    <div>
      <a class="button" href="${props.action.href}">${props.action.label}</a>
    </div>
  </section>`
}

/** A thing the shop sells; its card shows the first letter of the name in `ink` on `bg`. */
export interface Product {
  name: string
  price: string
  /** A line under the name ("Whole beans, 250 g"). */
  blurb?: string
  ink: string
  bg: string
}

/**
 * The product cards, as a grid that wraps from four across to one.
 *
 * @example
 * ```ts
 * productGrid([{ name: "Apricot Jam", price: "$9", ink: "#8a5a00", bg: "#fbefc9" }])
 * ```
 */
export function productGrid(products: readonly Product[]): Html {
  return html`<div class="grid">
    ${products.map(
      (p) =>
        html`<article class="card">
          <div class="art" style="background:${p.bg}" aria-hidden="true">
            <span style="color:${p.ink}">${p.name.slice(0, 1)}</span>
          </div>
          <div class="body">
            <h3>${p.name}</h3>
            ${p.blurb ? html`<p>${p.blurb}</p>` : ""}
            <p class="price">${p.price}</p>
          </div>
        </article>`
    )}
  </div>`
}
