/**
 * `linkSignIn(signIn, previousState, formData, options?)`: the whole body of an app's sign-in
 * server action. The posted `intent` (else the posted fields) picks the step; each answer is the
 * state the form renders next. Called with no form data (from the page, while it renders), it
 * answers the sign-in in progress from the cookie, so a second tab, a reload or a page without
 * JavaScript continues at the same step.
 *
 * @module
 */
import { redirect } from "next/navigation"
import { linkLogger } from "@login-with-link/provider"
import type { SafeCallbackUrlOptions } from "@login-with-link/core"
import {
  currentLinkForm,
  runLinkForm,
  type LinkFormState,
  type LinkFormSteps,
} from "@login-with-link/core/form"
import {
  providerReaderFor,
  type ProviderReader,
  type ProviderRef,
} from "../common/challenge-reader.js"
import { callbackUrlOf } from "./callback-url.js"
import { rememberDevice } from "./device-cookie.js"
import { cookiePending } from "./pending.js"
import {
  nextAuthSteps,
  type LinkSignInFunction,
  type LinkSignInLogger,
} from "./steps.js"

export type { LinkSignInFunction, LinkSignInLogger } from "./steps.js"

/** Options of {@link linkSignIn}. Every one is optional. */
export interface LinkSignInOptions {
  /**
   * The provider: its id, as in `signIn("link")`, or the `LoginWithLink(...)` object of `auth.ts`
   * itself (then the action reads the challenges it seals with its options, without looking it
   * up by id).
   * @default "link"
   */
  provider?: ProviderRef
  /**
   * Where a signed-in person goes: the posted `callbackUrl` when it is a same-origin path (else
   * `fallback`), never a path in `exclude` (e.g. the sign-in page itself).
   * @default { fallback: "/" }
   */
  callbackUrl?: SafeCallbackUrlOptions
  /**
   * Where a failure that is not the person's goes (an Auth.js error, a bug in a callback), while
   * the person sees `link_unavailable`. Pass the `logger` you give next-auth.
   * @default linkLogger (of `@login-with-link/provider`)
   */
  logger?: LinkSignInLogger
  /**
   * The id of the app's OAuth provider for Link (`LinkOAuth()`), which "Continue with Link"
   * (`<LinkSignInForm oauth="above" />`, posting `intent=oauth`) signs in with.
   * @default "link-oauth"
   */
  oauthProviderId?: string
}

/**
 * The steps, and after a right code the browser's known-device cookie for the verified challenge's
 * email. The person is signed in by then: a failure to set the cookie is logged, never shown.
 */
function rememberingDevice(
  steps: LinkFormSteps,
  reader: ProviderReader,
  logger: LinkSignInLogger
): LinkFormSteps {
  return {
    ...steps,
    async verify(challenge, code, ctx) {
      const outcome = await steps.verify(challenge, code, ctx)
      if (outcome.status === "signed_in") {
        try {
          await rememberDevice(reader, challenge)
        } catch (error) {
          logger.error(
            error instanceof Error ? error : new Error(String(error))
          )
        }
      }
      return outcome
    },
  }
}

/**
 * The whole body of the app's sign-in server action.
 *
 * - With form data (a form posted): runs the step the form asks for (`intent`: `start`, `verify`,
 *   `resend`, `change`; `oauth` redirects to Link's own page through the app's OAuth provider)
 *   and answers the state the form renders next. The challenge goes to an
 *   httpOnly cookie; the email and phone on the page come from the sealed challenge only;
 *   `previousState` is not trusted for anything. A right code sets (or renews) the browser's
 *   known-device cookie for the verified challenge's email, then redirects to the checked
 *   `callbackUrl` (Next.js's `redirect`, so it also works without JavaScript).
 * - Without form data (called by the page while it renders): the sign-in in progress, from the
 *   cookie, so another tab or a reload continues where the person is.
 *
 * Every failure is a coded state (`alert.code` is one of the provider's codes); nothing the
 * browser sends leads to an exception, except Next.js's own redirect.
 *
 * @example
 * ```ts
 * // app/login/actions.ts
 * "use server"
 * import { linkSignIn } from "@login-with-link/next/server"
 * import { signIn } from "@/auth"
 * export const linkAction = async (state?: unknown, form?: FormData) =>
 *   linkSignIn(signIn, state, form)
 * ```
 */
export async function linkSignIn(
  signIn: LinkSignInFunction,
  previousState?: unknown,
  formData?: FormData | null,
  options: LinkSignInOptions = {}
): Promise<LinkFormState> {
  const { id, reader } = providerReaderFor(options.provider ?? "link")
  const pending = cookiePending(reader.read)
  if (!(formData instanceof FormData)) return currentLinkForm(pending)
  const logger = options.logger ?? linkLogger
  return runLinkForm(previousState, formData, {
    pending,
    callbackUrl: await callbackUrlOf(formData, options.callbackUrl ?? {}),
    steps: rememberingDevice(
      nextAuthSteps({
        signIn,
        provider: id,
        oauthProviderId: options.oauthProviderId ?? "link-oauth",
        logger,
      }),
      reader,
      logger
    ),
    // A right code: Next.js's redirect (it works without JavaScript too).
    signedIn: async (to) => redirect(to),
    // Never reached: next-auth's `signIn` of the OAuth provider redirects by itself.
    redirect: async (url) => redirect(url),
  })
}
