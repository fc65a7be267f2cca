/**
 * The plugin's options: the core's Link options (key, API URL, limits…) plus what only a
 * better-auth app needs (account policy, better-auth's own per-route limits).
 *
 * @module
 */
import type {
  ClientIpSource,
  LoginWithLinkOptions,
} from "@login-with-link/core"
import { LINK_PATHS, type LinkRoute } from "./paths.js"

/** One better-auth rate-limit rule: at most `max` requests per `window` seconds per IP. */
export interface RouteRateLimit {
  window: number
  max: number
}

/**
 * Options of {@link loginWithLink}. Every one is optional.
 */
export interface LoginWithLinkPluginOptions extends Omit<
  LoginWithLinkOptions,
  "id" | "name" | "trustProxyHeaders" | "clientIp"
> {
  /**
   * Where the client IP of the per-IP limits comes from, as in the core: e.g.
   * `clientIpFromHeader("x-real-ip")` or `clientIpFromForwardedFor({ hops: 1 })`. When unset, the
   * plugin uses better-auth's `advanced.ipAddress.ipAddressHeaders` if the app set them, and
   * otherwise no IP: better-auth's own default (a single-value `X-Forwarded-For`) is a header any
   * client can write, and a client that rotates it would get a fresh per-IP budget each time.
   * Without an IP the per-email and deployment-wide limits still apply, and a warning says so once
   * in production.
   * @default better-auth's `ipAddressHeaders` when set, else none
   */
  clientIp?: ClientIpSource
  /**
   * The secret the sealed challenge's key is derived from (HKDF with its own salt, so it never
   * decrypts as anything of better-auth's), or a list for rotation.
   * @default better-auth's `secret` (BETTER_AUTH_SECRET)
   */
  secret?: string | readonly string[]
  /**
   * Take Link's email as proven: users Link signs in are marked `emailVerified`, and a Link
   * sign-in may join an existing user that another way in created (a password, another provider)
   * when `account.accountLinking` allows it. Off by default, and listing Link in
   * `trustedProviders` does not turn it on.
   *
   * **Security:** Link proves that the person holds the phone on the Link account for this email;
   * nothing says Link verified the mailbox. With this on, whoever puts someone else's email on
   * their Link account gets that person's user. Turn it on only if you accept that. When it joins
   * an unverified user (`requireLocalEmailVerified: false`), that user's other sessions and
   * accounts are removed first (better-auth's `revokeUnprovenAccountAccess`).
   * @default false
   */
  emailVerified?: boolean
  /** Refuse to create users: only people who already have an account can sign in with Link. @default false */
  disableSignUp?: boolean
  /**
   * The `providerId` of the accounts the code path records (`accountId`: the email).
   * @default "link"
   */
  providerId?: string
  /**
   * The `providerId` of Link's OAuth provider beside this plugin ({@link linkOAuthConfig}). A user
   * whose only accounts are Link's (this one or the code path's) is the same person on either
   * path: each path records its account on that user.
   * @default "link-oauth"
   */
  oauthProviderId?: string
  /**
   * better-auth's own per-IP limits on its routes (its limiter keys on IP and path only, and
   * runs only when `rateLimit.enabled`, by default in production). The core's per-email and
   * per-IP limits apply on top, always.
   * @default start 10, resend 5, verify 10, form 20 per 60 s
   */
  routeRateLimits?: Partial<Record<LinkRoute, RouteRateLimit>>
  /** Largest request body accepted on its routes, in bytes. @default 16384 */
  maxBodyBytes?: number
}

/** The defaults of {@link LoginWithLinkPluginOptions.routeRateLimits}. */
export const DEFAULT_ROUTE_RATE_LIMITS: Readonly<
  Record<LinkRoute, RouteRateLimit>
> = Object.freeze({
  start: { window: 60, max: 10 },
  resend: { window: 60, max: 5 },
  verify: { window: 60, max: 10 },
  // One sign-in through the form posts its email, its code, and maybe a resend or a change.
  form: { window: 60, max: 20 },
})

/** The default {@link LoginWithLinkPluginOptions.maxBodyBytes}. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024

function fail(option: string, expected: string): never {
  throw new TypeError(`loginWithLink: option "${option}" ${expected}`)
}

/** The plugin's own options, checked, defaults filled in. */
export interface PluginSettings {
  emailVerified: boolean
  disableSignUp: boolean
  providerId: string
  oauthProviderId: string
  clientIp: ClientIpSource | undefined
  routeRateLimits: Record<LinkRoute, RouteRateLimit>
  maxBodyBytes: number
}

/** Check the plugin's own options (the core checks its own). Throws a `TypeError` naming the option. */
export function resolvePluginSettings(
  options: LoginWithLinkPluginOptions
): PluginSettings {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("loginWithLink: options must be an object")
  }
  const emailVerified = options.emailVerified ?? false
  if (typeof emailVerified !== "boolean")
    fail("emailVerified", "must be a boolean")
  const disableSignUp = options.disableSignUp ?? false
  if (typeof disableSignUp !== "boolean")
    fail("disableSignUp", "must be a boolean")
  const providerId = checkProviderId("providerId", options.providerId, "link")
  const oauthProviderId = checkProviderId(
    "oauthProviderId",
    options.oauthProviderId,
    "link-oauth"
  )
  if (oauthProviderId === providerId) {
    fail("oauthProviderId", "must differ from providerId")
  }
  const clientIp = options.clientIp
  if (clientIp !== undefined && typeof clientIp !== "function") {
    fail(
      "clientIp",
      'must be a function (request) => string | undefined, e.g. clientIpFromHeader("x-real-ip")'
    )
  }
  const routeRateLimits = { ...DEFAULT_ROUTE_RATE_LIMITS }
  for (const [route, rule] of Object.entries(options.routeRateLimits ?? {})) {
    if (!(route in LINK_PATHS)) {
      fail(
        `routeRateLimits.${route}`,
        "is not a route (start, resend, verify, form)"
      )
    }
    if (rule === undefined) continue
    const { window, max } = rule
    if (!Number.isInteger(window) || window < 1)
      fail(
        `routeRateLimits.${route}.window`,
        "must be a whole number of seconds"
      )
    if (!Number.isInteger(max) || max < 1)
      fail(`routeRateLimits.${route}.max`, "must be a whole number, at least 1")
    routeRateLimits[route as LinkRoute] = { window, max }
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (
    !Number.isInteger(maxBodyBytes) ||
    maxBodyBytes < 1024 ||
    maxBodyBytes > 1024 * 1024
  ) {
    fail("maxBodyBytes", "must be a whole number from 1024 to 1048576")
  }
  return {
    emailVerified,
    disableSignUp,
    providerId,
    oauthProviderId,
    clientIp,
    routeRateLimits,
    maxBodyBytes,
  }
}

function checkProviderId(
  option: string,
  value: unknown,
  fallback: string
): string {
  const id = value ?? fallback
  if (typeof id !== "string" || !/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(id)) {
    fail(option, "must be a short identifier (letters, digits, - and _)")
  }
  return id
}
