/**
 * `LoginWithLink(options)`: the Auth.js Credentials provider. Its `authorize()` validates the
 * posted credentials and dispatches to a step of the core: `{ email }` starts (with the browser's
 * known-device cookie, when Auth.js's request carries one), `{ challenge, resend }` sends a new
 * code, `{ challenge, code }` finishes. `createLoginWithLink(CredentialsSignin)`
 * makes the same provider throw subclasses of another copy of Auth.js's `CredentialsSignin`.
 *
 * @module
 */
import Credentials, {
  type CredentialsConfig,
} from "@auth/core/providers/credentials"
import {
  credentialsSchema,
  isResend,
  type LinkErrorCode,
} from "@login-with-link/core"
import { CredentialsSignin } from "@auth/core/errors"
import {
  createLinkSignIn,
  type LinkSignInContext,
  type LinkUser,
} from "@login-with-link/core"
import {
  outcomeErrorsFor,
  type CredentialsSigninClass,
  type LinkOutcomeErrors,
} from "./outcome-errors.js"
import { knownDeviceOf } from "./device-cookie.js"
import { resolveOptions, type LoginWithLinkOptions } from "./options.js"
import { warnTwoAuthCoreCopies } from "./two-copies.js"

/** The fields `authorize()` reads from what is posted to `signIn("link", …)`. */
const FIELDS = ["email", "code", "challenge", "resend"] as const

/** The `credentials` the provider declares (also what Auth.js's built-in page renders). */
const credentialInputs = {
  email: { label: "Email", type: "email", autoComplete: "email" },
  code: {
    label: "Code",
    type: "text",
    inputMode: "numeric",
    autoComplete: "one-time-code",
  },
  challenge: { type: "hidden" },
  resend: { type: "hidden" },
} satisfies CredentialsConfig["credentials"]

/** The provider config `LoginWithLink()` returns. */
export type LoginWithLinkProvider = CredentialsConfig

/**
 * The user `authorize()` gives Auth.js: the core's {@link LinkUser}, with `emailVerified` spelt
 * as Auth.js's adapters spell it: the time of the sign-in when the `emailVerified` option is on,
 * else `null` (the default: Link proves the phone, not the mailbox). Auth.js itself reads only
 * `id`, `email` and `name` from it; the `signIn` and `jwt` callbacks get all of it.
 */
export type LinkAuthUser = Omit<LinkUser, "emailVerified"> & {
  emailVerified: Date | null
}

function authUser(user: LinkUser): LinkAuthUser {
  return { ...user, emailVerified: user.emailVerified ? new Date() : null }
}

/**
 * The answer of the app's human check (CAPTCHA, Turnstile), posted as `human_token` with a start
 * or resend; the core checks its length and gives it to `verifyHuman`.
 */
const HUMAN_TOKEN = "human_token"

/** Copy the fields we read, as own data properties only (no getters, no prototype). */
function pick(credentials: unknown): Record<string, unknown> {
  const picked: Record<string, unknown> = Object.create(null) as Record<
    string,
    unknown
  >
  if (
    typeof credentials !== "object" ||
    credentials === null ||
    Array.isArray(credentials)
  ) {
    return picked
  }
  for (const field of [...FIELDS, HUMAN_TOKEN]) {
    try {
      const descriptor = Object.getOwnPropertyDescriptor(credentials, field)
      if (
        descriptor &&
        "value" in descriptor &&
        descriptor.value !== undefined
      ) {
        picked[field] = descriptor.value
      }
    } catch {
      // a hostile object (a Proxy that throws): treat the field as absent
    }
  }
  return picked
}

const FIELD_ERROR: Record<(typeof FIELDS)[number], LinkErrorCode> = {
  email: "invalid_email",
  code: "invalid_code",
  challenge: "challenge_invalid",
  resend: "challenge_invalid",
}

/** The page the person was on (the login page), when the browser said and it is same-origin. */
function returnToFrom(request: Request): string | undefined {
  try {
    const referer = request.headers.get("referer")
    if (!referer) return undefined
    const from = new URL(referer)
    return from.origin === new URL(request.url).origin ? from.href : undefined
  } catch {
    return undefined
  }
}

/** The provider, throwing the given error classes. */
function linkProvider(
  errors: LinkOutcomeErrors,
  options: LoginWithLinkOptions = {}
): LoginWithLinkProvider {
  const resolved = resolveOptions(options)
  const steps = createLinkSignIn(resolved)
  const { LinkSignInFailed } = errors

  async function authorize(
    credentials: unknown,
    request: Request
  ): Promise<LinkAuthUser> {
    try {
      const ctx: LinkSignInContext = {}
      if (request instanceof Request) {
        // Only from the source the shop named (`clientIp`): nothing is trusted by default.
        const ip = resolved.clientIp?.(request)
        if (typeof ip === "string" && ip) ctx.ip = ip
        const returnTo = returnToFrom(request)
        if (returnTo) ctx.returnTo = returnTo
      }
      const picked = pick(credentials)
      const humanToken = picked[HUMAN_TOKEN]
      if (typeof humanToken === "string" && humanToken)
        ctx.humanToken = humanToken
      const parsed = credentialsSchema.safeParse(picked)
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path[0]
        throw new LinkSignInFailed(
          FIELD_ERROR[field as (typeof FIELDS)[number]] ?? "invalid_email"
        )
      }
      const { email, code, challenge, resend } = parsed.data
      if (challenge) {
        if (code) return authUser(await steps.finish(challenge, code, ctx))
        if (isResend(resend)) {
          throw errors.thrown(await steps.resend(challenge, ctx))
        }
        throw new LinkSignInFailed("invalid_code")
      }
      // A start from a browser where this email signed in before (its known-device cookie):
      // the core counts the email's limits and failure lock on that device's own key.
      if (request instanceof Request) {
        const knownDevice = knownDeviceOf(request)
        if (knownDevice) ctx.knownDevice = knownDevice
      }
      throw errors.thrown(await steps.start(email ?? "", ctx))
    } catch (error) {
      // The outcome thrown above as is; the core's errors translated; anything else hidden.
      throw errors.contain(error)
    }
  }

  const provider: LoginWithLinkProvider = Credentials({
    id: resolved.id,
    name: resolved.name,
    credentials: credentialInputs,
    authorize,
  })
  // Also at the top level (Auth.js merges `options` in later), so `LoginWithLink().id === "link"`.
  return { ...provider, id: resolved.id, name: resolved.name }
}

/** `LoginWithLink`, as returned by {@link createLoginWithLink}. */
export type LoginWithLinkFactory = (
  options?: LoginWithLinkOptions
) => LoginWithLinkProvider

/**
 * `LoginWithLink` for a given `CredentialsSignin` class: the provider's errors then extend that
 * class. For apps whose next-auth uses another copy of `@auth/core` than this package (an
 * `@auth/*` adapter of another version): bind next-auth's own class, and Auth.js recognises the
 * errors as its own. Seeing two copies logs one warning that names the fix.
 *
 * @example
 * ```ts
 * import { CredentialsSignin } from "next-auth"
 * import { createLoginWithLink } from "@login-with-link/provider"
 * const LoginWithLink = createLoginWithLink(CredentialsSignin)
 * ```
 */
export function createLoginWithLink(
  credentialsSignin: CredentialsSigninClass
): LoginWithLinkFactory {
  if (typeof credentialsSignin !== "function") {
    throw new TypeError(
      "createLoginWithLink: expected Auth.js's CredentialsSignin class"
    )
  }
  if (credentialsSignin !== CredentialsSignin) warnTwoAuthCoreCopies()
  const errors = outcomeErrorsFor(credentialsSignin)
  return (options) => linkProvider(errors, options)
}

/**
 * Login with Link for Auth.js: passwordless sign-in with the person's Link account (an SMS code),
 * with no database and no extra endpoints. Options are checked here, once; unset ones come from
 * `AUTH_LINK_KEY`, `AUTH_LINK_API_URL` and `AUTH_SECRET`. Its errors extend `CredentialsSignin` of
 * `@auth/core/errors` (see {@link createLoginWithLink} to bind another copy).
 *
 * @example
 * ```ts
 * // auth.ts
 * import NextAuth from "next-auth"
 * import LoginWithLink, { linkLogger } from "@login-with-link/provider"
 * export const { handlers, auth, signIn, signOut } = NextAuth({
 *   providers: [LoginWithLink()],
 *   logger: linkLogger,
 * })
 * ```
 */
export const LoginWithLink: LoginWithLinkFactory =
  createLoginWithLink(CredentialsSignin)
