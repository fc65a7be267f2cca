/**
 * The account page's panel: who is signed in and for how long, and sign-out. No raw account id
 * (it means nothing to the person), and the session's end as a span of time, which reads the same
 * in every time zone: a page without script cannot know the reader's clock. The exact instant is
 * in the `<time>` element.
 * @module
 */
import { html } from "hono/html"
import type { Html } from "./html.js"
import { timeLeft } from "./time-left.js"

/** Props of {@link accountPanel}. */
export interface AccountPanelProps {
  /** The person's name; empty or missing: "(not shared by Link)". */
  name?: string | undefined
  email: string
  /** When this browser's session ends. */
  expiresAt: Date
  /** @default new Date() */
  now?: Date
}

/**
 * "Your account": name, email, "Signed in for 7 more days, on this browser", and a sign-out form
 * (a POST to `/logout`).
 *
 * @example
 * ```ts
 * accountPanel({ name: "Jo Doe", email: "jo@example.com", expiresAt: new Date(session.exp * 1000) })
 * ```
 */
export function accountPanel(props: AccountPanelProps): Html {
  const { expiresAt, now = new Date() } = props
  return html`<div class="panel">
    <h1>Your account</h1>
    <dl>
      <dt>Name</dt>
      <dd>${props.name || "(not shared by Link)"}</dd>
      <dt>Email</dt>
      <dd>${props.email}</dd>
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
}
