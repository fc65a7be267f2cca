/**
 * The sign-up page: a person not on Link gives a phone number and becomes a Link person, then is
 * sent back to `return_to` (only to allowed origins).
 * @module
 */
import { Hono } from "hono"
import type { SimulatorEnv } from "./fault-middleware.js"
import { escapeHtml, htmlResponse, page } from "./html.js"
import { normalizeEmail } from "./people.js"
import { isAllowedReturnTo } from "./return-origins.js"
import { sameOrigin } from "./same-origin.js"
import type { SimulatorState } from "./state.js"

/** Messages the sign-up page shows. */
export const SIGNUP_MESSAGES = {
  returnToRefused:
    "This sign-up link is refused: return_to is not an allowed address. Ask the shop to use an origin listed in LINK_SIM_RETURN_ORIGINS.",
  crossSite:
    "This form was sent from another site, so it is refused. Open the sign-up page again and send it from there.",
  badEmail: "Enter an email address, like jo@example.com.",
  badPhone:
    "Enter a mobile number in international format, starting with + and the country code, like +14155550123.",
  badName: "Your name must be at most 200 characters.",
  done: "You are on Link now. Go back to the shop and sign in with your email.",
  alreadyOnLink:
    "This email is already on Link. Go back to the shop and sign in with it.",
} as const

interface FormValues {
  email: string
  phone: string
  fullName: string
  returnTo: string
}

interface FormErrors {
  email?: string
  phone?: string
  fullName?: string
}

function field(
  name: keyof FormErrors,
  label: string,
  value: string,
  attrs: string,
  error: string | undefined,
  hint?: string
): string {
  const described = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""]
    .filter(Boolean)
    .join(" ")
  return `<label for="${name}">${label}</label>
${hint ? `<p class="hint" id="${name}-hint">${escapeHtml(hint)}</p>` : ""}
${error ? `<p class="error" id="${name}-error">${escapeHtml(error)}</p>` : ""}
<input id="${name}" name="${name}" value="${escapeHtml(value)}" ${attrs}${described ? ` aria-describedby="${described}"` : ""}${error ? ' aria-invalid="true"' : ""}>`
}

function formPage(values: FormValues, errors: FormErrors = {}): string {
  const count = Object.keys(errors).length
  return page(
    count ? "Error: Sign up for Link" : "Sign up for Link",
    `<h1>Sign up for Link</h1>
<p>Link remembers you so you can sign in with a code sent to your phone.</p>
${count ? `<div role="alert"><p class="error">Check ${count === 1 ? "the field" : "the fields"} marked below.</p></div>` : ""}
<form method="post" action="/signup" novalidate>
<input type="hidden" name="return_to" value="${escapeHtml(values.returnTo)}">
${field("email", "Email", values.email, 'type="email" autocomplete="email" required', errors.email)}
${field("phone", "Mobile number", values.phone, 'type="tel" autocomplete="tel" inputmode="tel" required', errors.phone, "International format, like +14155550123.")}
${field("fullName", "Full name (optional)", values.fullName, 'type="text" autocomplete="name"', errors.fullName)}
<button type="submit">Join Link</button>
</form>`
  )
}

function messagePage(title: string, message: string, link?: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p role="status">${escapeHtml(message)}</p>
${link ? `<p><a href="${escapeHtml(link)}">Back to the shop</a></p>` : ""}`
  )
}

/** Normalises a phone number typed by a person: spaces, dots, dashes and brackets are dropped. */
export function normalizePhone(input: string): string | undefined {
  const phone = input.replace(/[\s().-]/g, "")
  return /^\+[1-9]\d{6,14}$/.test(phone) ? phone : undefined
}

/** Creates the `/signup` routes. */
export function createSignup(state: SimulatorState): Hono<SimulatorEnv> {
  const app = new Hono<SimulatorEnv>()
  // The simulator's own pages (the OAuth hosted page's invite) may always be returned to.
  const allowed = (returnTo: string, self: string) =>
    returnTo === "" ||
    isAllowedReturnTo(returnTo, state.config.allowedReturnOrigins) ||
    isAllowedReturnTo(returnTo, [new URL(self).origin])
  // The form posts here and is then redirected to return_to: CSP form-action covers both.
  const respond = (html: string, status = 200) =>
    htmlResponse(html, status, state.config.allowedReturnOrigins)
  const refused = () =>
    respond(
      messagePage("Sign-up link refused", SIGNUP_MESSAGES.returnToRefused),
      400
    )

  app.get("/", (c) => {
    const returnTo = c.req.query("return_to") ?? ""
    if (!allowed(returnTo, c.req.url)) return refused()
    return respond(
      formPage({
        email: c.req.query("email") ?? "",
        phone: "",
        fullName: "",
        returnTo,
      })
    )
  })

  app.post("/", async (c) => {
    if (!sameOrigin(c))
      return respond(
        messagePage("Sign-up refused", SIGNUP_MESSAGES.crossSite),
        403
      )
    const type = c.req.header("content-type") ?? ""
    // The app's body limit has already refused anything over MAX_BODY_BYTES.
    const form = type.startsWith("application/x-www-form-urlencoded")
      ? new URLSearchParams(await c.req.text())
      : new URLSearchParams()
    const values: FormValues = {
      email: (form.get("email") ?? "").slice(0, 1024),
      phone: (form.get("phone") ?? "").slice(0, 1024),
      fullName: (form.get("fullName") ?? "").slice(0, 1024),
      returnTo: (form.get("return_to") ?? "").slice(0, 2048),
    }
    if (!allowed(values.returnTo, c.req.url)) return refused()
    const errors: FormErrors = {}
    const email = normalizeEmail(values.email)
    if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.email = SIGNUP_MESSAGES.badEmail
    const phone = normalizePhone(values.phone)
    if (!phone) errors.phone = SIGNUP_MESSAGES.badPhone
    const fullName = values.fullName.trim()
    if (fullName.length > 200) errors.fullName = SIGNUP_MESSAGES.badName
    if (Object.keys(errors).length || !phone)
      return respond(formPage(values, errors), 400)
    const existing = state.people.get(email)
    if (!existing)
      state.people.put({ email, phone, ...(fullName ? { fullName } : {}) })
    if (values.returnTo) return c.redirect(values.returnTo, 303)
    const message = existing
      ? SIGNUP_MESSAGES.alreadyOnLink
      : SIGNUP_MESSAGES.done
    return respond(messagePage("You are on Link", message))
  })

  return app
}
