/**
 * The authorization endpoint of the simulated login.link.com: `GET /oauth/auth` checks the
 * request and shows the hosted page; `POST /oauth/auth` runs its steps (email, code, resend,
 * another email, cancel) and finally redirects to the client with `code` and `state`, or with
 * `error=access_denied` when the person cancels.
 * The request itself is checked by `checkAuthorizationRequest` (request.ts).
 * @module
 */
import { getCookie } from "hono/cookie"
import { codeMatches, hashCode, newCode } from "../codes.js"
import { TEST_MODE_CODE } from "../api.js"
import { htmlResponse } from "../html.js"
import { normalizeEmail, redactPhone } from "../people.js"
import { sameOrigin } from "../same-origin.js"
import type { SimulatorState } from "../state.js"
import type { StoredPerson } from "../store.js"
import { OAUTH_MESSAGES } from "./errors.js"
import { oauthGuarded, type GuardAnswers } from "./guard.js"
import {
  HOSTED_MESSAGES,
  codePage,
  emailPage,
  errorPage,
  failedPage,
  invitePage,
  type PageContext,
} from "./pages.js"
import {
  randomToken,
  sameBrowser,
  type AuthorizationRequest,
  type SignIn,
} from "./store.js"
import { checkAuthorizationRequest, redirectWith } from "./request.js"

/** The cookie that binds a sign-in on the hosted page to one browser. */
export const BROWSER_COOKIE = "link_sim_oauth"

/**
 * Finishes a sign-in for a person: issues the authorization code and returns where to send the
 * browser (`redirect_uri?code=...&state=...`).
 */
export function approve(
  state: SimulatorState,
  request: AuthorizationRequest,
  person: StoredPerson
): string {
  const code = state.oauth.issueCode(
    {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      personId: person.id,
      key: request.key,
      scope: request.scope,
    },
    state.clock.now()
  )
  return redirectWith(request.redirectUri, { code, state: request.state })
}

/** Where to send the browser when the person declines. */
export function declined(
  request: AuthorizationRequest,
  description: string = OAUTH_MESSAGES.declined
): string {
  return redirectWith(request.redirectUri, {
    error: "access_denied",
    error_description: description,
    state: request.state,
  })
}

function originOf(uri: string): string {
  return new URL(uri).origin
}

function redirect(location: string, status: 302 | 303): Response {
  return new Response(null, {
    status,
    headers: { location, "cache-control": "no-store" },
  })
}

/** The GET and POST handlers of `/oauth/auth`. */
export function createAuthorize(state: SimulatorState) {
  const { config, clock, people, oauth, outbox } = state

  const pageAnswers: GuardAnswers = {
    rateLimited(seconds) {
      const response = htmlResponse(
        errorPage(HOSTED_MESSAGES.title, HOSTED_MESSAGES.rateLimited(seconds)),
        429
      )
      response.headers.set("retry-after", String(Math.max(1, seconds)))
      return response
    },
    injectedStatus(status, retryAfter) {
      const response = htmlResponse(
        errorPage(HOSTED_MESSAGES.title, HOSTED_MESSAGES.unavailable),
        status
      )
      if (retryAfter !== undefined)
        response.headers.set("retry-after", String(retryAfter))
      return response
    },
  }

  /** A page of a sign-in: its form may post here, then be redirected to the client. */
  const respond = (signIn: SignIn, html: string, status = 200) =>
    htmlResponse(html, status, [originOf(signIn.redirectUri)])

  const contextOf = (signIn: SignIn): PageContext => ({
    request: signIn.id,
    client: state.oauthClients.get(signIn.clientId)?.name ?? signIn.clientId,
    startOver: signIn.startOver,
  })

  /** Sends a new code to the sign-in's person, or says how long to wait. */
  function send(
    signIn: SignIn,
    person: StoredPerson
  ): { ok: true } | { ok: false; wait: number } {
    const now = clock.now()
    const capWait = state.sendCap.check(person.email, now)
    if (capWait !== undefined) return { ok: false, wait: Math.ceil(capWait) }
    const code = newCode()
    signIn.code = hashCode(code)
    signIn.codeExpiresAt = now + config.codeTtlMs
    signIn.lastSendAt = now
    state.sendCap.record(person.email, now)
    state.stats.sends += 1
    outbox.add({
      phone: person.phone,
      email: person.email,
      code,
      sentAt: new Date(now).toISOString(),
    })
    if (!config.quiet) {
      config.log(
        `[link-simulator] SMS to ${redactPhone(person.phone)} (${person.email}): your Link code is ${code}`
      )
    }
    return { ok: true }
  }

  const get = oauthGuarded(state, "authorize", pageAnswers, (c, fault) => {
    const checked = checkAuthorizationRequest(new URL(c.req.url), state)
    if (checked.kind === "page")
      return htmlResponse(
        errorPage(HOSTED_MESSAGES.title, checked.message),
        400
      )
    if (checked.kind === "redirect") return redirect(checked.location, 302)
    if (fault?.kind === "access_denied")
      return redirect(
        declined(checked.request, OAUTH_MESSAGES.declinedInjected),
        302
      )
    const existing = getCookie(c, BROWSER_COOKIE)
    const cookie =
      existing && /^[A-Za-z0-9_-]{43}$/.test(existing)
        ? existing
        : randomToken()
    const signIn = oauth.startSignIn(checked.request, cookie, clock.now())
    const response = respond(signIn, emailPage(contextOf(signIn)))
    const secure = new URL(c.req.url).protocol === "https:" ? "; Secure" : ""
    response.headers.append(
      "set-cookie",
      `${BROWSER_COOKIE}=${cookie}; Path=/oauth; HttpOnly; SameSite=Lax${secure}`
    )
    return response
  })

  const post = oauthGuarded(state, undefined, pageAnswers, async (c) => {
    if (!sameOrigin(c))
      return htmlResponse(
        errorPage(HOSTED_MESSAGES.title, HOSTED_MESSAGES.crossSite),
        403
      )
    const type = c.req.header("content-type") ?? ""
    // The app's body limit has already refused anything over MAX_BODY_BYTES.
    const form = type.startsWith("application/x-www-form-urlencoded")
      ? new URLSearchParams(await c.req.text())
      : new URLSearchParams()
    const field = (name: string, max: number) =>
      (form.get(name) ?? "").slice(0, max)
    const signIn = oauth.signIn(field("request", 100), clock.now())
    if (!signIn || !sameBrowser(signIn, getCookie(c, BROWSER_COOKIE)))
      return htmlResponse(
        errorPage(HOSTED_MESSAGES.title, HOSTED_MESSAGES.signInGone),
        400
      )
    const context = contextOf(signIn)
    const email = field("email", 1024)
    const code = field("code", 100).replace(/\s/g, "")
    const intent = field("intent", 20) || (form.has("code") ? "code" : "email")
    const person = signIn.email ? people.get(signIn.email) : undefined
    const phone = person ? redactPhone(person.phone) : ""

    if (intent === "cancel") {
      oauth.endSignIn(signIn.id)
      return redirect(declined(signIn), 303)
    }
    if (intent === "restart") {
      signIn.step = "email"
      return respond(signIn, emailPage(context, { email: signIn.email ?? "" }))
    }
    if (signIn.step === "failed")
      return respond(
        signIn,
        failedPage(context, HOSTED_MESSAGES.tooManyAttempts),
        400
      )

    if (intent === "resend" && signIn.step === "code" && person) {
      const now = clock.now()
      if (
        signIn.lastSendAt !== undefined &&
        now < signIn.lastSendAt + config.resendCooldownMs
      ) {
        const wait = Math.ceil(
          (signIn.lastSendAt + config.resendCooldownMs - now) / 1000
        )
        return respond(
          signIn,
          codePage(context, { phone, error: HOSTED_MESSAGES.resendWait(wait) }),
          429
        )
      }
      const sent = send(signIn, person)
      if (!sent.ok)
        return respond(
          signIn,
          codePage(context, {
            phone,
            error: HOSTED_MESSAGES.sendCap(sent.wait),
          }),
          429
        )
      return respond(
        signIn,
        codePage(context, { phone, notice: HOSTED_MESSAGES.codeResent(phone) })
      )
    }

    if (intent === "code" && signIn.step === "code" && person) {
      if (!/^\d{6}$/.test(code))
        return respond(
          signIn,
          codePage(context, { phone, error: HOSTED_MESSAGES.badCode }),
          400
        )
      if (!signIn.code || clock.now() >= (signIn.codeExpiresAt ?? 0))
        return respond(
          signIn,
          codePage(context, { phone, error: HOSTED_MESSAGES.codeExpired }),
          400
        )
      // No await from here on: the check and the spend happen in one turn of the event loop.
      const right =
        codeMatches(signIn.code, code) ||
        (signIn.testMode && code === TEST_MODE_CODE)
      if (!right) {
        signIn.attempts += 1
        if (signIn.attempts >= config.maxAttempts) {
          signIn.step = "failed"
          signIn.code = undefined
          return respond(
            signIn,
            failedPage(context, HOSTED_MESSAGES.tooManyAttempts),
            400
          )
        }
        return respond(
          signIn,
          codePage(context, {
            phone,
            error: HOSTED_MESSAGES.wrongCode(
              config.maxAttempts - signIn.attempts
            ),
          }),
          400
        )
      }
      oauth.endSignIn(signIn.id)
      return redirect(approve(state, signIn, person), 303)
    }

    // The email step (also what any other intent falls back to).
    if (intent !== "email")
      return respond(signIn, emailPage(context, { email: signIn.email ?? "" }))
    const normalized = normalizeEmail(email)
    if (
      normalized.length > 254 ||
      !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized)
    )
      return respond(
        signIn,
        emailPage(context, { email, error: HOSTED_MESSAGES.badEmail }),
        400
      )
    const found = people.get(normalized)
    if (!found) {
      signIn.step = "email"
      const returnTo = `${new URL(c.req.url).origin}${signIn.startOver}`
      const signupUrl = `/signup?${new URLSearchParams({ email: normalized, return_to: returnTo })}`
      return respond(
        signIn,
        invitePage(context, { email: normalized, signupUrl })
      )
    }
    const sent = send(signIn, found)
    if (!sent.ok)
      return respond(
        signIn,
        emailPage(context, {
          email,
          error: HOSTED_MESSAGES.sendCap(sent.wait),
        }),
        429
      )
    signIn.step = "code"
    signIn.email = found.email
    signIn.attempts = 0
    return respond(
      signIn,
      codePage(context, { phone: redactPhone(found.phone) })
    )
  })

  return { get, post }
}
