/**
 * The interaction pages: where oidc-provider sends a person to sign in (and, for third-party
 * clients, to consent). The email and code steps are `@login-with-link/core`'s step functions
 * (`createLinkSignIn`): each answers with an outcome (`code_sent`, `signup_required`, the user) or
 * a coded `LinkSignInError`, and the page switches on it. Its sealed challenge is carried in a
 * hidden field (the email and phone the code page shows are read out of it). CSRF: every POST
 * needs oidc-provider's interaction cookie, which is SameSite=Lax, httpOnly, signed and scoped to
 * `/interaction/<uid>`.
 *
 * Known devices: a right code sets the core's device cookie (`__Host-link_device` with an https
 * issuer, `link_device` over http), a sealed token of the person's email on this browser; the
 * email step passes it back to the start step as `knownDevice`, so that a stranger's wrong codes
 * at that email do not lock the person out of the browser where they signed in before.
 * @module
 */
import { Hono, type Context } from "hono"
import { getCookie, setCookie } from "hono/cookie"
import type { HttpBindings } from "@hono/node-server"
import type Provider from "oidc-provider"
import { errors as oidcErrors } from "oidc-provider"
import {
  createLinkLogger,
  isLinkSignInError,
  LinkSignInError,
  linkCodeInfo,
  linkCodeStartsOver,
  linkErrorCopy,
  linkErrorText,
  readChallengeView,
  type LinkCodeSentOutcome,
  type LinkErrorCode,
  type LinkSignIn,
} from "@login-with-link/core"
import {
  linkDeviceCookieAttributes,
  linkDeviceCookieName,
  readLinkDeviceCookie,
} from "@login-with-link/core/form"
import type { AccountStore } from "./accounts.js"
import { isHttpsIssuer } from "./oidc.js"
import {
  codePage,
  consentPage,
  emailPage,
  invitePage,
  messagePage,
  type PageError,
} from "./views.js"

type Env = { Bindings: HttpBindings }
type Details = Awaited<ReturnType<Provider["interactionDetails"]>>

/** What the interaction pages need. */
export interface InteractionDeps {
  provider: Provider
  signIn: LinkSignIn
  accounts: AccountStore
  /** The client IP for Link's rate limits. */
  clientIp: (c: Context<Env>) => string | undefined
  /** Where unexpected failures go (never to the page). */
  logError: (message: string, error: unknown) => void
}

/** The HTTP status of a failure's page (400 for input, 429 for limits, 503 when Link is down). */
const statusOf = (code: LinkErrorCode) =>
  linkCodeInfo[code].httpStatus as 400 | 429 | 503

/**
 * The copy of a failure, with the numbers that make it actionable ("You have 2 tries left.",
 * "Try again in 45 seconds."): core's `linkErrorText`, the one place these sentences are written.
 */
export function errorCopy(error: LinkSignInError): PageError {
  return {
    message: linkErrorText(error.code, {
      retryAfter: error.retryAfter,
      attemptsLeft: error.attemptsLeft,
      part: "message",
    }),
    action: linkErrorText(error.code, {
      retryAfter: error.retryAfter,
      part: "action",
    }),
  }
}

/** What the code page needs of a `code_sent` outcome. */
function codeStateOf(sent: LinkCodeSentOutcome) {
  return {
    challenge: sent.challenge,
    email: sent.email,
    redactedPhone: sent.redactedPhone,
    resendAt: sent.resendAt,
    expiresAt: sent.expiresAt,
  }
}

/**
 * The browser's known-device token: the `__Host-` cookie when it holds one, else the plain one
 * (core's `readLinkDeviceCookie`: a value out of bounds is none). Hono's cookie parser skips what
 * it cannot decode, so a hostile Cookie header is no token, never an error.
 */
function knownDeviceOf(c: Context<Env>): string | undefined {
  return readLinkDeviceCookie((name) => getCookie(c, name))
}

function field(body: Record<string, unknown>, name: string, max: number) {
  const value = body[name]
  return typeof value === "string" ? value.slice(0, max) : ""
}

/** Creates the Hono app that serves `/interaction/*`. */
export function createInteractionApp(deps: InteractionDeps): Hono<Env> {
  // Link being unavailable is logged (its upstream detail, never a secret, code, email or URL);
  // Link answering outside its documented behaviour, once a minute per reason.
  const linkLog = createLinkLogger({
    sink: {
      error: (line: unknown) => deps.logError(String(line), undefined),
      warn: () => {},
      debug: () => {},
    },
  })
  const { provider, signIn, accounts } = deps
  // Secure and prefixed as oidc-provider's own cookies are: decided by the issuer (oidc.ts).
  const secureCookies = isHttpsIssuer(provider.issuer)
  const app = new Hono<Env>()
  const ip = (c: Context<Env>) => {
    const address = deps.clientIp(c)
    return address ? { ip: address } : {}
  }

  app.use("/interaction/*", async (c, next) => {
    await next()
    c.header("Cache-Control", "no-store")
  })

  /** Loads the interaction from its cookie, or renders why it cannot. */
  async function load(
    c: Context<Env>
  ): Promise<
    | { ok: true; details: Details; clientName: string; base: string }
    | { ok: false; response: Response | Promise<Response> }
  > {
    let details: Details
    try {
      details = await provider.interactionDetails(
        c.env.incoming,
        c.env.outgoing
      )
    } catch (error) {
      if (!(error instanceof oidcErrors.SessionNotFound)) throw error
      return { ok: false, response: expired(c) }
    }
    if (details.uid !== c.req.param("uid"))
      return { ok: false, response: expired(c) }
    const clientId = String(details.params.client_id)
    const client = await provider.Client.find(clientId)
    return {
      ok: true,
      details,
      clientName: client?.clientName ?? clientId,
      base: `/interaction/${details.uid}`,
    }
  }

  function expired(c: Context<Env>) {
    return c.html(
      messagePage({
        title: "This sign-in has expired",
        message:
          "This sign-in page is no longer valid, or it was opened in another browser.",
        action: "Go back to the shop and choose Sign in again.",
      }),
      400
    )
  }

  function renderCode(
    c: Context<Env>,
    ctx: { clientName: string; base: string },
    state: {
      challenge: string
      email: string
      redactedPhone: string
      resendAt: number
      expiresAt: number
    },
    extra: {
      error?: PageError
      notice?: string
      waitInNotice?: boolean
      status?: 200 | 400 | 429 | 503
    } = {}
  ) {
    return c.html(
      codePage({
        action: `${ctx.base}/code`,
        resendAction: `${ctx.base}/resend`,
        restartHref: ctx.base,
        clientName: ctx.clientName,
        ...state,
        resendInSeconds: Math.max(
          0,
          Math.ceil((state.resendAt - Date.now()) / 1000)
        ),
        expiresInMinutes: Math.max(
          0,
          Math.ceil((state.expiresAt - Date.now()) / 60_000)
        ),
        ...(extra.error ? { error: extra.error } : {}),
        ...(extra.notice ? { notice: extra.notice } : {}),
        ...(extra.waitInNotice ? { waitInNotice: true } : {}),
      }),
      extra.status ?? 200
    )
  }

  /**
   * The code page's state: the posted challenge, and what the page shows read out of it (never
   * from form fields). A challenge that does not unseal shows nothing; the step then refuses it.
   */
  async function codeState(body: Record<string, unknown>) {
    const challenge = field(body, "challenge", 8192)
    const view = await readChallengeView(challenge, signIn.options, {
      allowExpired: true,
    }).catch(() => ({
      email: "",
      redactedPhone: "",
      resendAt: 0,
      expiresAt: 0,
    }))
    return { challenge, ...view }
  }

  app.get("/interaction/:uid", async (c) => {
    const loaded = await load(c)
    if (!loaded.ok) return loaded.response
    const { details, clientName, base } = loaded
    if (details.prompt.name === "consent") {
      const missing = details.prompt.details as {
        missingOIDCScope?: string[]
        missingOIDCClaims?: string[]
      }
      const claims = [
        ...(missing.missingOIDCScope ?? []).filter((s) => s !== "openid"),
        ...(missing.missingOIDCClaims ?? []),
      ]
      return c.html(
        consentPage({
          action: `${base}/consent`,
          abortHref: `${base}/abort`,
          clientName,
          claims: claims.length ? claims : ["your Link email"],
        })
      )
    }
    const hint = details.params.login_hint
    return c.html(
      emailPage({
        action: `${base}/email`,
        clientName,
        ...(typeof hint === "string" ? { email: hint } : {}),
      })
    )
  })

  app.post("/interaction/:uid/email", async (c) => {
    const loaded = await load(c)
    if (!loaded.ok) return loaded.response
    const body = await c.req.parseBody()
    const email = field(body, "email", 320)
    let outcome
    try {
      outcome = await signIn.start(email, {
        ...ip(c),
        knownDevice: knownDeviceOf(c),
        // After signing up for Link, the person comes back to this step.
        returnTo: new URL(loaded.base, provider.issuer).href,
      })
    } catch (error) {
      const failure = asSignInError(error)
      return c.html(
        emailPage({
          action: `${loaded.base}/email`,
          clientName: loaded.clientName,
          email,
          error: errorCopy(failure),
        }),
        statusOf(failure.code)
      )
    }
    switch (outcome.status) {
      case "code_sent":
        return renderCode(c, loaded, codeStateOf(outcome))
      case "signup_required":
        return c.html(
          invitePage({
            clientName: loaded.clientName,
            email: outcome.email,
            signupUrl: outcome.signupUrl,
            restartHref: loaded.base,
            message: linkErrorCopy.signup_required,
          })
        )
    }
  })

  app.post("/interaction/:uid/code", async (c) => {
    const loaded = await load(c)
    if (!loaded.ok) return loaded.response
    const body = await c.req.parseBody()
    const state = await codeState(body)
    const code = field(body, "code", 32)
    let user
    try {
      user = await signIn.finish(state.challenge, code, ip(c))
    } catch (error) {
      return failedOnCode(c, loaded, state, asSignInError(error))
    }
    const account = await accounts.remember({
      email: user.email,
      ...(user.name ? { name: user.name } : {}),
    })
    const returnTo = await provider.interactionResult(
      c.env.incoming,
      c.env.outgoing,
      { login: { accountId: account.sub, amr: ["sms"] } },
      { mergeWithLastSubmission: false }
    )
    // For the email the step signed in (out of the sealed challenge), never a posted field; the
    // cookie as it was keeps this browser's device id. Set on this 303, the browser's answer to
    // the code step: oidc-provider's resume that it leads to sends only its own cookies.
    const device = await signIn.knownDevice(user.email, knownDeviceOf(c))
    if (device)
      setCookie(
        c,
        linkDeviceCookieName(secureCookies),
        device,
        linkDeviceCookieAttributes(
          secureCookies,
          signIn.options.knownDeviceMaxAge
        )
      )
    return c.redirect(returnTo, 303)
  })

  app.post("/interaction/:uid/resend", async (c) => {
    const loaded = await load(c)
    if (!loaded.ok) return loaded.response
    const state = await codeState(await c.req.parseBody())
    // Pressed during the wait: the wait is the answer, said once. Nothing is sent or counted,
    // and the code already sent still works. (A challenge that does not unseal has no wait: the
    // step refuses it below.)
    const wait = Math.ceil((state.resendAt - Date.now()) / 1000)
    if (wait > 0)
      return renderCode(c, loaded, state, {
        notice: `You can ask for a new code in ${wait} ${wait === 1 ? "second" : "seconds"}. The code we sent to ${state.redactedPhone} still works.`,
        waitInNotice: true,
      })
    let sent
    try {
      sent = await signIn.resend(state.challenge, ip(c))
    } catch (error) {
      return failedOnCode(c, loaded, state, asSignInError(error))
    }
    return renderCode(c, loaded, codeStateOf(sent), {
      notice: `We sent a new code to ${sent.redactedPhone}.`,
    })
  })

  function failedOnCode(
    c: Context<Env>,
    loaded: { clientName: string; base: string },
    state: Awaited<ReturnType<typeof codeState>>,
    failure: LinkSignInError
  ) {
    const status = statusOf(failure.code)
    // After these the code form is useless (challenge expired or refused, too many attempts).
    if (linkCodeStartsOver(failure.code)) {
      return c.html(
        emailPage({
          action: `${loaded.base}/email`,
          clientName: loaded.clientName,
          email: state.email,
          error: errorCopy(failure),
        }),
        status
      )
    }
    return renderCode(c, loaded, state, { error: errorCopy(failure), status })
  }

  /** Anything that is not a person-facing Link error is logged and shown as "Link unavailable". */
  function asSignInError(error: unknown): LinkSignInError {
    if (isLinkSignInError(error)) {
      if (error.code === "link_unavailable") linkLog.error(error)
      return error
    }
    deps.logError("hosted-login: sign-in step failed", error)
    return new LinkSignInError("link_unavailable")
  }

  app.post("/interaction/:uid/consent", async (c) => {
    const loaded = await load(c)
    if (!loaded.ok) return loaded.response
    const { details } = loaded
    if (details.prompt.name !== "consent" || !details.session?.accountId)
      return expired(c)
    const missing = details.prompt.details as {
      missingOIDCScope?: string[]
      missingOIDCClaims?: string[]
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({
          accountId: details.session.accountId,
          clientId: String(details.params.client_id),
        })
    if (!grant) return expired(c)
    if (missing.missingOIDCScope)
      grant.addOIDCScope(missing.missingOIDCScope.join(" "))
    if (missing.missingOIDCClaims)
      grant.addOIDCClaims(missing.missingOIDCClaims)
    const grantId = await grant.save()
    const returnTo = await provider.interactionResult(
      c.env.incoming,
      c.env.outgoing,
      { consent: details.grantId ? {} : { grantId } },
      { mergeWithLastSubmission: true }
    )
    return c.redirect(returnTo, 303)
  })

  app.on(["GET", "POST"], "/interaction/:uid/abort", async (c) => {
    const loaded = await load(c)
    if (!loaded.ok) return loaded.response
    const returnTo = await provider.interactionResult(
      c.env.incoming,
      c.env.outgoing,
      {
        error: "access_denied",
        error_description: "The person cancelled the sign-in",
      },
      { mergeWithLastSubmission: false }
    )
    return c.redirect(returnTo, 303)
  })

  return app
}
