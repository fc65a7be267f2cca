"use server"
/**
 * Every server action of the shop. Forms post here directly, so they work before (and without)
 * JavaScript; the sign-in form uses `useActionState` to render the step each answer leads to.
 * @module
 */
import { redirect } from "next/navigation"
import { headers } from "next/headers"
import { AuthError } from "next-auth"
import {
  LinkCodeSent,
  LinkSignupRequired,
  LinkSignInError,
  isLinkSignInCode,
  linkCodeStartsOver,
  linkErrorCopy,
  type LinkSignInCode,
} from "@login-with-link/provider"
import { auth, signIn, signOut } from "@/auth"
import { getProduct } from "./products"
import { parseQuantity } from "./cart"
import { readCart, readCartItems, writeCartItems } from "./cart-store"
import {
  clearPendingSignIn,
  readPendingSignIn,
  writePendingSignIn,
  type PendingSignIn,
} from "./login-cookie"
import { formatDuration, type LoginAlert, type LoginState } from "./login-state"
import { afterSignIn } from "./after-sign-in"
import { authMode, oidcIssuer } from "./auth-mode"

// ---------------------------------------------------------------- cart

export async function addToCart(formData: FormData): Promise<void> {
  const slug = formData.get("slug")
  const quantity = parseQuantity(formData.get("quantity")) ?? 1
  if (typeof slug === "string" && getProduct(slug) && quantity > 0) {
    const items = await readCartItems()
    items.set(slug, (items.get(slug) ?? 0) + quantity)
    await writeCartItems(items)
  }
  redirect("/cart")
}

export async function updateCartLine(formData: FormData): Promise<void> {
  const slug = formData.get("slug")
  const quantity = parseQuantity(formData.get("quantity"))
  if (typeof slug !== "string" || !getProduct(slug) || quantity === undefined)
    return
  const items = await readCartItems()
  items.set(slug, quantity)
  await writeCartItems(items)
}

export async function removeCartLine(formData: FormData): Promise<void> {
  const slug = formData.get("slug")
  if (typeof slug !== "string") return
  const items = await readCartItems()
  items.delete(slug)
  await writeCartItems(items)
}

export async function placeOrder(): Promise<void> {
  // The proxy guards the page; an action is its own endpoint and checks again.
  const session = await auth()
  if (!session?.user) redirect("/login?callbackUrl=/checkout")
  const cart = await readCart()
  if (cart.lines.length === 0) redirect("/cart")
  const order = `LWL-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).toUpperCase()}`
  await writeCartItems(new Map())
  redirect(`/checkout/thank-you?order=${encodeURIComponent(order)}`)
}

export async function signOutAction(): Promise<void> {
  if (authMode() !== "oidc") {
    await signOut({ redirectTo: "/" })
    return
  }
  // OIDC mode: end the shop's session, then the hosted page's own short session too
  // (RP-initiated logout), which asks the person to confirm and sends them back here.
  await signOut({ redirect: false })
  redirect((await hostedLogoutUrl()) ?? "/")
}

/** The hosted page's end-session URL, returning to this shop's home page; undefined if unknown. */
async function hostedLogoutUrl(): Promise<string | undefined> {
  const issuer = oidcIssuer()
  const clientId = process.env.AUTH_LINK_OIDC_ID
  if (!issuer || !clientId) return undefined
  try {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5000),
    })
    const { end_session_endpoint: endpoint } = (await response.json()) as {
      end_session_endpoint?: unknown
    }
    if (!response.ok || typeof endpoint !== "string" || !URL.canParse(endpoint))
      return undefined
    const url = new URL(endpoint)
    url.searchParams.set("client_id", clientId)
    url.searchParams.set("post_logout_redirect_uri", `${await shopOrigin()}/`)
    return url.toString()
  } catch {
    // The hosted page is down: the shop's session is over anyway.
    return undefined
  }
}

/** OIDC mode: "Continue with Link" sends the person to the hosted Login with Link page. */
export async function oidcSignInAction(formData: FormData): Promise<void> {
  await signIn("link-oidc", {
    redirectTo: afterSignIn(formData.get("callbackUrl")),
  })
}

// ---------------------------------------------------------------- sign-in

function alertFor(
  code: LinkSignInCode,
  kind: LoginAlert["kind"],
  field: LoginAlert["field"],
  extra?: string
): LoginAlert {
  const copy = linkErrorCopy[code]
  return {
    kind,
    code,
    message: extra ? `${copy.message} ${extra}` : copy.message,
    action: copy.action,
    field,
  }
}

/** The coded outcome of a `signIn("link")` call that did not sign the person in. */
type Outcome =
  | { kind: "sent"; sent: LinkCodeSent }
  | { kind: "signup"; signupUrl: string; email: string }
  | {
      kind: "error"
      code: LinkSignInCode
      retryAfter?: number
      attemptsLeft?: number
    }

function outcomeOf(error: unknown): Outcome | undefined {
  if (error instanceof LinkCodeSent) return { kind: "sent", sent: error }
  if (error instanceof LinkSignupRequired)
    return { kind: "signup", signupUrl: error.signupUrl, email: error.email }
  if (error instanceof LinkSignInError)
    return {
      kind: "error",
      code: error.code,
      retryAfter: error.retryAfter,
      attemptsLeft: error.attemptsLeft,
    }
  if (error instanceof AuthError) {
    // Any other Auth.js error (a misconfiguration, say) is logged by Auth.js; the person only
    // needs to know that signing in did not work right now.
    const code = "code" in error ? error.code : undefined
    return {
      kind: "error",
      code: isLinkSignInCode(code) ? code : "link_unavailable",
    }
  }
  return undefined
}

async function attempt(
  credentials: Record<string, string>
): Promise<Outcome | "signed-in"> {
  try {
    const url = await signIn("link", { ...credentials, redirect: false })
    // Auth.js answers a server misconfiguration with its own API URL instead of throwing.
    if (typeof url === "string" && url.includes("/api/auth/"))
      return { kind: "error", code: "link_unavailable" }
    return "signed-in"
  } catch (error) {
    const outcome = outcomeOf(error)
    if (outcome) return outcome
    throw error
  }
}

/** This shop's public origin: AUTH_URL's, else the request's. */
async function shopOrigin(): Promise<string> {
  const h = await headers()
  return process.env.AUTH_URL && URL.canParse(process.env.AUTH_URL)
    ? new URL(process.env.AUTH_URL).origin
    : `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`
}

/** The absolute URL of this shop's /login, where Link's sign-up page sends the person back. */
async function loginReturnUrl(
  email: string,
  callbackUrl: string
): Promise<string> {
  const url = new URL("/login", await shopOrigin())
  url.searchParams.set("email", email)
  if (callbackUrl !== "/account")
    url.searchParams.set("callbackUrl", callbackUrl)
  return url.toString()
}

function pendingFrom(sent: LinkCodeSent): PendingSignIn {
  return {
    challenge: sent.challenge,
    email: sent.email,
    redactedPhone: sent.redactedPhone,
    expiresAt: sent.expiresAt,
    resendAt: sent.resendAt,
  }
}

function codeStep(
  pending: PendingSignIn,
  base: Pick<LoginState, "callbackUrl" | "seq">,
  alert?: LoginAlert
): LoginState {
  return {
    step: "code",
    email: pending.email,
    callbackUrl: base.callbackUrl,
    redactedPhone: pending.redactedPhone,
    expiresAt: pending.expiresAt,
    resendAt: pending.resendAt,
    alert,
    serverNow: Date.now(),
    seq: base.seq,
  }
}

function emailStep(
  email: string,
  base: Pick<LoginState, "callbackUrl" | "seq">,
  alert?: LoginAlert
): LoginState {
  return {
    step: "email",
    email,
    callbackUrl: base.callbackUrl,
    alert,
    serverNow: Date.now(),
    seq: base.seq,
  }
}

function waitText(retryAfter: number | undefined): string | undefined {
  return retryAfter ? `Try again in ${formatDuration(retryAfter)}.` : undefined
}

async function startSignIn(
  email: string,
  base: Pick<LoginState, "callbackUrl" | "seq">
) {
  if (!email)
    return emailStep(email, base, alertFor("invalid_email", "error", "email"))
  const outcome = await attempt({ email })
  if (outcome === "signed-in")
    return emailStep(
      email,
      base,
      alertFor("link_unavailable", "error", "email")
    )
  switch (outcome.kind) {
    case "sent": {
      const pending = pendingFrom(outcome.sent)
      await writePendingSignIn(pending)
      return codeStep(pending, base, {
        ...alertFor("code_sent", "info", "code"),
        message: `We texted a code to ${pending.redactedPhone}.`,
        quiet: true,
      })
    }
    case "signup": {
      await clearPendingSignIn()
      const signupUrl = new URL(outcome.signupUrl)
      signupUrl.searchParams.set("email", outcome.email)
      signupUrl.searchParams.set(
        "return_to",
        await loginReturnUrl(outcome.email, base.callbackUrl)
      )
      return {
        step: "signup",
        email: outcome.email,
        callbackUrl: base.callbackUrl,
        signupUrl: signupUrl.toString(),
        alert: {
          ...alertFor("signup_required", "info", undefined),
          quiet: true,
        },
        serverNow: Date.now(),
        seq: base.seq,
      } satisfies LoginState
    }
    case "error":
      return emailStep(
        email,
        base,
        alertFor(outcome.code, "error", "email", waitText(outcome.retryAfter))
      )
  }
}

/** The sign-in in progress is over: forget its challenge, back to the email step, saying why. */
async function startOver(
  pending: PendingSignIn,
  base: Pick<LoginState, "callbackUrl" | "seq">,
  code: LinkSignInCode
): Promise<LoginState> {
  await clearPendingSignIn()
  return emailStep(pending.email, base, alertFor(code, "error", "email"))
}

async function verifyCode(
  code: string,
  base: Pick<LoginState, "callbackUrl" | "seq">
): Promise<LoginState> {
  const pending = await readPendingSignIn()
  if (!pending)
    return emailStep("", base, alertFor("challenge_expired", "error", "email"))
  const outcome = await attempt({ challenge: pending.challenge, code })
  if (outcome === "signed-in") {
    await clearPendingSignIn()
    redirect(base.callbackUrl)
  }
  if (outcome.kind !== "error")
    return codeStep(
      pending,
      base,
      alertFor("link_unavailable", "error", "code")
    )
  // The sign-in in progress is over (challenge expired or refused, too many attempts).
  if (linkCodeStartsOver(outcome.code))
    return startOver(pending, base, outcome.code)
  const extra =
    outcome.code === "invalid_code" && outcome.attemptsLeft !== undefined
      ? `You have ${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? "try" : "tries"} left.`
      : waitText(outcome.retryAfter)
  const field =
    outcome.code === "code_expired" || outcome.code === "too_many_attempts"
      ? "resend"
      : "code"
  return codeStep(pending, base, alertFor(outcome.code, "error", field, extra))
}

async function resendCode(
  base: Pick<LoginState, "callbackUrl" | "seq">
): Promise<LoginState> {
  const pending = await readPendingSignIn()
  if (!pending)
    return emailStep("", base, alertFor("challenge_expired", "error", "email"))
  const outcome = await attempt({ challenge: pending.challenge, resend: "1" })
  if (outcome !== "signed-in" && outcome.kind === "sent") {
    const next = pendingFrom(outcome.sent)
    await writePendingSignIn(next)
    return codeStep(next, base, {
      ...alertFor("code_sent", "info", "code"),
      message: `We texted a new code to ${next.redactedPhone}.`,
    })
  }
  if (outcome === "signed-in" || outcome.kind === "signup")
    return codeStep(
      pending,
      base,
      alertFor("link_unavailable", "error", "resend")
    )
  // The sign-in in progress is over (challenge expired or refused, too many attempts).
  if (linkCodeStartsOver(outcome.code))
    return startOver(pending, base, outcome.code)
  let next = pending
  if (outcome.code === "rate_limited" && outcome.retryAfter) {
    // Keep the countdown honest: the server said when a new code may be sent.
    next = { ...pending, resendAt: Date.now() + outcome.retryAfter * 1000 }
    await writePendingSignIn(next)
  }
  return codeStep(
    next,
    base,
    alertFor(outcome.code, "error", "resend", waitText(outcome.retryAfter))
  )
}

/**
 * The sign-in form's action. Which step runs is chosen by the submitted `intent`:
 * `start` (email), `verify` (code), `resend`, or `change` (use a different email).
 */
export async function loginAction(
  previous: LoginState,
  formData: FormData
): Promise<LoginState> {
  const base = {
    callbackUrl: afterSignIn(formData.get("callbackUrl")),
    seq: (Number.isSafeInteger(previous?.seq) ? previous.seq : 0) + 1,
  }
  const field = (name: string) => {
    const value = formData.get(name)
    return typeof value === "string" ? value.trim() : ""
  }
  switch (field("intent")) {
    case "start":
      return startSignIn(field("email").toLowerCase(), base)
    case "verify":
      return verifyCode(field("code"), base)
    case "resend":
      return resendCode(base)
    case "change": {
      const pending = await readPendingSignIn()
      await clearPendingSignIn()
      return emailStep(pending?.email ?? field("email"), base)
    }
    default:
      return emailStep("", base)
  }
}
