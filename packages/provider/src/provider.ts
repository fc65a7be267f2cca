/**
 * `LoginWithLink(options)`: the Auth.js Credentials provider. Its `authorize()` validates the
 * posted credentials and dispatches to the start, resend or finish step (DESIGN.md's table).
 *
 * @module
 */
import Credentials, {
  type CredentialsConfig,
} from "@auth/core/providers/credentials"
import {
  credentialsSchema,
  isResend,
  resolveOptions,
  type LinkErrorCode,
  type LoginWithLinkOptions,
} from "@login-with-link/core"
import {
  LinkCodeSent,
  LinkSignInError,
  LinkSignupRequired,
} from "./outcome-errors.js"
import {
  createLinkSignIn,
  type LinkSignInContext,
  type LinkUser,
} from "./steps.js"

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

/** Copy the four fields we read, as own data properties only (no getters, no prototype). */
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
  for (const field of FIELDS) {
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

/**
 * Login with Link for Auth.js: passwordless sign-in with the person's Link account (an SMS code),
 * with no database and no extra endpoints. Options are checked here, once; unset ones come from
 * `AUTH_LINK_KEY`, `AUTH_LINK_API_URL` and `AUTH_SECRET`.
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
export function LoginWithLink(
  options: LoginWithLinkOptions = {}
): LoginWithLinkProvider {
  const resolved = resolveOptions(options)
  const steps = createLinkSignIn(resolved)

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
      const parsed = credentialsSchema.safeParse(pick(credentials))
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path[0]
        throw new LinkSignInError(
          FIELD_ERROR[field as (typeof FIELDS)[number]] ?? "invalid_email"
        )
      }
      const { email, code, challenge, resend } = parsed.data
      if (challenge) {
        if (code) return authUser(await steps.finish(challenge, code, ctx))
        if (isResend(resend)) return await steps.resend(challenge, ctx)
        throw new LinkSignInError("invalid_code")
      }
      return await steps.start(email ?? "", ctx)
    } catch (error) {
      if (
        error instanceof LinkCodeSent ||
        error instanceof LinkSignupRequired ||
        error instanceof LinkSignInError
      ) {
        throw error
      }
      throw new LinkSignInError("link_unavailable", {
        cause: error instanceof Error ? error : new Error(String(error)),
      })
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
