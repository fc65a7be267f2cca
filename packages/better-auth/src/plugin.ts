/**
 * The server plugin: `loginWithLink(options)`, to add to better-auth's `plugins`.
 *
 * @module
 */
import { env, type AuthContext, type BetterAuthPlugin } from "better-auth"
import { boundBodies } from "./body.js"
import { LOGIN_WITH_LINK_ERROR_CODES } from "./error-codes.js"
import { secondaryStorageRateLimiter } from "./limiter.js"
import {
  createLinkSignIn,
  warnIfNoClientIp,
  type LinkSignIn,
} from "@login-with-link/core"
import {
  LINK_PATHS,
  resolvePluginSettings,
  type LinkRoute,
  type LoginWithLinkPluginOptions,
} from "./options.js"
import { bindLinkOAuthConfigs } from "./oauth.js"
import { betterAuthOnceStore } from "./once-store.js"
import { linkEndpoints, type LinkRuntime } from "./routes.js"

/**
 * Login with Link for better-auth: passwordless sign-in with a person's Link identity (email,
 * then a code Link texts to the phone on the Link account). Adds `POST /sign-in/link/start`,
 * `/sign-in/link/resend` and `/sign-in/link/verify`.
 *
 * @example
 * ```ts
 * import { betterAuth } from "better-auth"
 * import { loginWithLink } from "@login-with-link/better-auth"
 *
 * export const auth = betterAuth({
 *   database,
 *   plugins: [loginWithLink()], // AUTH_LINK_KEY: your publishable key
 * })
 * ```
 */
export function loginWithLink(options: LoginWithLinkPluginOptions = {}) {
  const settings = resolvePluginSettings(options)
  const {
    emailVerified: _emailVerified,
    disableSignUp: _disableSignUp,
    providerId: _providerId,
    oauthProviderId: _oauthProviderId,
    clientIp: _clientIp,
    routeRateLimits: _routeRateLimits,
    maxBodyBytes: _maxBodyBytes,
    ...linkOptions
  } = options

  // One set of steps per better-auth instance (its internal adapter is one object for the
  // instance; the context and its options are cloned per request).
  const steps = new WeakMap<object, LinkSignIn>()
  const stepsFor = (context: AuthContext): LinkSignIn => {
    let link = steps.get(context.internalAdapter)
    if (!link) {
      const storage = context.options.secondaryStorage
      link = createLinkSignIn({
        ...linkOptions,
        secret: options.secret ?? context.secret,
        ...(options.rateLimit === undefined && storage
          ? { rateLimit: secondaryStorageRateLimiter(storage) }
          : {}),
        onceStore: options.onceStore ?? betterAuthOnceStore(context),
      })
      steps.set(context.internalAdapter, link)
    }
    return link
  }
  const runtime: LinkRuntime = {
    settings,
    steps: stepsFor,
  }
  const bound = boundBodies(settings.maxBodyBytes)

  return {
    id: "login-with-link",
    init(context) {
      // Check the Link options at start-up: a wrong key or secret fails here, naming the option.
      stepsFor(context)
      // Link's OAuth provider beside this plugin (linkOAuthConfig) joins the code path's users.
      bindLinkOAuthConfigs(context.options.plugins, {
        context,
        codeProviderId: settings.providerId,
        oauthProviderId: settings.oauthProviderId,
      })
      // In production, once: without a client IP source the per-IP limits are off.
      const ip = context.options.advanced?.ipAddress
      warnIfNoClientIp(
        settings.clientIp ??
          (ip?.ipAddressHeaders?.length || ip?.disableIpTracking === true
            ? ip
            : undefined),
        {
          warn: (line) => context.logger.warn(line),
          // Read at start-up (better-auth's env), not when this module was loaded.
          production: env.NODE_ENV === "production",
          option:
            "advanced.ipAddress.ipAddressHeaders (better-auth) or the plugin's clientIp",
        }
      )
    },
    endpoints: linkEndpoints(runtime),
    onRequest: async (request) => bound(request),
    rateLimit: (Object.keys(LINK_PATHS) as LinkRoute[]).map((route) => ({
      pathMatcher: (path: string) => path === LINK_PATHS[route],
      window: settings.routeRateLimits[route].window,
      max: settings.routeRateLimits[route].max,
    })),
    $ERROR_CODES: LOGIN_WITH_LINK_ERROR_CODES,
    options,
  } satisfies BetterAuthPlugin
}
