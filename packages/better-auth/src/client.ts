/**
 * The browser half: `loginWithLinkClient()`, for `createAuthClient({ plugins: [...] })`, which types
 * `authClient.signIn.link.start / resend / verify / form` from the server plugin and refreshes the
 * session after a successful verify; `readLinkAnswer()`, which reads those answers as one outcome; and
 * `linkClientAction()`, the `<LinkSignInForm />` action on them.
 *
 * @example
 * ```ts
 * import { createAuthClient } from "better-auth/client"
 * import { loginWithLinkClient } from "@login-with-link/better-auth/client"
 *
 * const authClient = createAuthClient({ plugins: [loginWithLinkClient()] })
 * const { data } = await authClient.signIn.link.start({ email })
 * if (data?.status === "code_sent") {
 *   await authClient.signIn.link.verify({ challenge: data.challenge, code })
 * }
 * ```
 *
 * @module
 */
import type { BetterAuthClientPlugin } from "better-auth/client"
import { LOGIN_WITH_LINK_ERROR_CODES } from "./error-codes.js"
import { LINK_PATHS } from "./paths.js"
import type { loginWithLink } from "./plugin.js"

export { LOGIN_WITH_LINK_ERROR_CODES }
export { linkPluginErrorCopy } from "./plugin-copy.js"
export type { LinkPluginErrorCode } from "./plugin-copy.js"
export type {
  LoginWithLinkErrorBody,
  LoginWithLinkErrorCode,
} from "./error-codes.js"
export { readLinkAnswer } from "./answer.js"
export type { LinkAnswer, LinkAnswerError } from "./answer.js"
export { linkClientAction } from "./client-action.js"
export type {
  LinkAuthClient,
  LinkClientActionOptions,
  LinkFormBody,
} from "./client-action.js"

export function loginWithLinkClient() {
  return {
    id: "login-with-link",
    $InferServerPlugin: {} as ReturnType<typeof loginWithLink>,
    pathMethods: {
      [LINK_PATHS.start]: "POST",
      [LINK_PATHS.resend]: "POST",
      [LINK_PATHS.verify]: "POST",
      [LINK_PATHS.form]: "POST",
    },
    atomListeners: [
      {
        matcher: (path: string) => path === LINK_PATHS.verify,
        signal: "$sessionSignal",
      },
    ],
    $ERROR_CODES: LOGIN_WITH_LINK_ERROR_CODES,
  } satisfies BetterAuthClientPlugin
}
