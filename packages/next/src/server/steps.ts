/**
 * next-auth's steps for `runLinkForm`: each step one `signIn(provider, …)` call, whose answer (the
 * `CredentialsSignin` subclass the provider throws, as thrown or wrapped by a second copy of
 * `@auth/core`) is read into the form's outcome; "Continue with Link" is `signIn` of the app's
 * OAuth provider, which redirects.
 *
 * @module
 */
import { unstable_rethrow } from "next/navigation"
import { readLinkOutcome, type LinkOutcome } from "@login-with-link/provider"
import { isLinkErrorCode } from "@login-with-link/core"
import {
  LINK_SIGN_IN_FIELDS,
  type LinkFormStepContext,
  type LinkFormSteps,
} from "@login-with-link/core/form"

/**
 * next-auth's `signIn` (from `NextAuth(...)` in the app's `auth.ts`), as `linkSignIn` calls it:
 * credentials as the second argument, with `redirect: false`; for "Continue with Link" (the
 * OAuth provider), with `redirectTo` alone, so that it redirects.
 */
export type LinkSignInFunction = (
  provider: string,
  options: {
    redirect?: false
    redirectTo: string
    [field: string]: string | false | undefined
  }
) => Promise<unknown>

/** Where failures that are not the person's go (Auth.js's `logger` shape). */
export interface LinkSignInLogger {
  error(error: Error): void
}

/** What the steps call. */
export interface NextAuthSteps {
  signIn: LinkSignInFunction
  /** The provider's id, as in `signIn("link")`. */
  provider: string
  /** The app's OAuth provider for Link. */
  oauthProviderId: string
  logger: LinkSignInLogger
}

type Attempt = LinkOutcome | { status: "signed_in" }

const unavailable: Extract<LinkOutcome, { status: "error" }> = {
  status: "error",
  code: "link_unavailable",
}

/** Whether next-auth answered with its error page instead of the callback URL. */
function isErrorRedirect(url: unknown, callbackUrl: string): boolean {
  if (typeof url !== "string" || !URL.canParse(url, "http://n.invalid"))
    return true
  const answer = new URL(url, "http://n.invalid")
  if (`${answer.pathname}${answer.search}${answer.hash}` === callbackUrl)
    return false
  return answer.searchParams.has("error")
}

const logged = (logger: LinkSignInLogger, error: unknown) =>
  logger.error(error instanceof Error ? error : new Error(String(error)))

/** One `signIn(provider)` call, its outcome read whether Auth.js wrapped our error or not. */
async function attempt(
  options: NextAuthSteps,
  ctx: LinkFormStepContext,
  credentials: Record<string, string>
): Promise<Attempt> {
  try {
    const url = await options.signIn(options.provider, {
      ...credentials,
      redirect: false,
      redirectTo: ctx.callbackUrl,
    })
    // A misconfiguration: Auth.js answers with its error page's URL instead of throwing.
    if (isErrorRedirect(url, ctx.callbackUrl)) return unavailable
    return { status: "signed_in" }
  } catch (error) {
    const outcome = readLinkOutcome(error)
    if (outcome) return outcome
    // Next.js's own control flow (redirect, notFound, dynamic rendering) is never swallowed.
    unstable_rethrow(error)
    // Any other failure (an Auth.js error, a bug, a network error in a callback) goes to the
    // logger, and the person is told that signing in does not work right now.
    const code = (error as { code?: unknown } | null)?.code
    if (isLinkErrorCode(code)) return { status: "error", code }
    logged(options.logger, error)
    return unavailable
  }
}

/** The app's human check answer, as the credential the provider hands to `verifyHuman`. */
const human = (ctx: LinkFormStepContext): Record<string, string> =>
  ctx.humanToken ? { [LINK_SIGN_IN_FIELDS.humanToken]: ctx.humanToken } : {}

/** The form's steps over next-auth's `signIn`. */
export function nextAuthSteps(options: NextAuthSteps): LinkFormSteps {
  return {
    async start(email, ctx) {
      const outcome = await attempt(options, ctx, { email, ...human(ctx) })
      // Only a code signs in: an email alone never does.
      return outcome.status === "signed_in" ? unavailable : outcome
    },
    async resend(challenge, ctx) {
      const outcome = await attempt(options, ctx, {
        challenge,
        resend: "1",
        ...human(ctx),
      })
      return outcome.status === "code_sent" || outcome.status === "error"
        ? outcome
        : unavailable
    },
    async verify(challenge, code, ctx) {
      const outcome = await attempt(options, ctx, { challenge, code })
      return outcome.status === "signed_in" || outcome.status === "error"
        ? outcome
        : unavailable
    },
    /**
     * `signIn` of the OAuth provider answers with Next.js's redirect to Link's page (passed
     * through, never caught). A `signIn` that fails (no such provider, a misconfiguration) or
     * returns is logged, and the person sees `link_unavailable`.
     */
    async oauth(ctx) {
      try {
        await options.signIn(options.oauthProviderId, {
          redirectTo: ctx.callbackUrl,
        })
      } catch (error) {
        unstable_rethrow(error)
        logged(options.logger, error)
        return unavailable
      }
      logged(
        options.logger,
        new Error(
          `signIn("${options.oauthProviderId}") returned instead of redirecting to Link`
        )
      )
      return unavailable
    },
  }
}
