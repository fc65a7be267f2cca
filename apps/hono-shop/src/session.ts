/**
 * The shop's own session: a signed (HMAC-SHA256) httpOnly cookie, nothing on the server.
 *
 * Over https (the shop's base URL decides, not NODE_ENV) the cookies are `Secure` and prefixed:
 * the session is `__Host-shop_session` (Path=/, no Domain, so no sibling subdomain can set or
 * shadow it) and the sign-in flow `__Secure-shop_signin` (its Path is `/callback`, which
 * `__Host-` forbids). Over plain http (development) they carry neither, as browsers require.
 *
 * This is where "Login with Link" stops: the hosted page proves who the person is (an ID token),
 * and from then on the shop decides how long they stay signed in, as it would with any other
 * sign-in method. Swap this file for any session library and nothing else changes.
 * @module
 */
import type { Context } from "hono"
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie"

/** What the shop remembers about a signed-in person. */
export interface ShopSession {
  /** The OpenID `sub`: stable and opaque, the key for this person's orders. */
  sub: string
  email: string
  /** The ID token's `email_verified`: whether the hosted page vouches for the mailbox. */
  emailVerified: boolean
  name?: string
  /** OpenID Connect: kept only to end the hosted session at sign-out (`id_token_hint`). */
  idToken?: string
  /** Expiry, in seconds since the epoch; checked here, not only by the browser. */
  exp: number
}

/** The in-flight sign-in: what the callback checks (state, nonce) and proves (PKCE verifier). */
export interface SignInFlow {
  state: string
  /** OpenID Connect only. */
  nonce?: string
  verifier: string
  returnTo: string
  exp: number
}

/** Options of {@link createSessions}. */
export interface SessionOptions {
  /** HMAC key of the cookies, at least 32 characters. Security: whoever has it can forge sessions. */
  secret: string
  /** The shop is served over https: cookies are `Secure` and `__Host-` / `__Secure-` prefixed. */
  secure: boolean
  /** Session length in seconds. @default 7 days */
  maxAge?: number
}

/** The cookies' names without their prefix (see {@link cookieNames} for the full names). */
const SESSION = "shop_session"
const FLOW = "shop_signin"
const FLOW_MAX_AGE = 10 * 60

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url")
}

function decode<T>(value: string | false | undefined): T | undefined {
  if (!value) return undefined
  try {
    return JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as T
  } catch {
    return undefined
  }
}

const now = () => Math.floor(Date.now() / 1000)

/** The names the browser sees: prefixed over https. */
export function cookieNames(secure: boolean): {
  session: string
  flow: string
} {
  return secure
    ? { session: `__Host-${SESSION}`, flow: `__Secure-${FLOW}` }
    : { session: SESSION, flow: FLOW }
}

/** Reads and writes the session and sign-in cookies. */
export function createSessions(options: SessionOptions) {
  if (options.secret.length < 32)
    throw new TypeError("The session secret must be at least 32 characters.")
  const maxAge = options.maxAge ?? 7 * 24 * 60 * 60
  const base = {
    httpOnly: true,
    sameSite: "Lax",
    secure: options.secure,
  } as const
  // hono/cookie adds the prefix and enforces its rules (Secure; Path=/ for __Host-).
  const sessionPrefix = options.secure ? "host" : undefined
  const flowPrefix = options.secure ? "secure" : undefined

  return {
    async get(c: Context): Promise<ShopSession | undefined> {
      const session = decode<ShopSession>(
        await getSignedCookie(c, options.secret, SESSION, sessionPrefix)
      )
      if (!session || typeof session.sub !== "string" || session.exp <= now())
        return undefined
      return session
    },
    async set(c: Context, session: Omit<ShopSession, "exp">) {
      await setSignedCookie(
        c,
        SESSION,
        encode({ ...session, exp: now() + maxAge }),
        options.secret,
        {
          ...base,
          path: "/",
          maxAge,
          ...(sessionPrefix ? { prefix: sessionPrefix } : {}),
        }
      )
    },
    clear(c: Context) {
      deleteCookie(c, SESSION, {
        ...base,
        path: "/",
        ...(sessionPrefix ? { prefix: sessionPrefix } : {}),
      })
    },
    async startFlow(c: Context, flow: Omit<SignInFlow, "exp">) {
      await setSignedCookie(
        c,
        FLOW,
        encode({ ...flow, exp: now() + FLOW_MAX_AGE }),
        options.secret,
        {
          ...base,
          path: "/callback",
          maxAge: FLOW_MAX_AGE,
          ...(flowPrefix ? { prefix: flowPrefix } : {}),
        }
      )
    },
    /** Reads and deletes the sign-in flow: a callback can be used once. */
    async takeFlow(c: Context): Promise<SignInFlow | undefined> {
      const flow = decode<SignInFlow>(
        await getSignedCookie(c, options.secret, FLOW, flowPrefix)
      )
      deleteCookie(c, FLOW, {
        ...base,
        path: "/callback",
        ...(flowPrefix ? { prefix: flowPrefix } : {}),
      })
      if (!flow || flow.exp <= now()) return undefined
      return flow
    },
  }
}

/** The session store's type. */
export type Sessions = ReturnType<typeof createSessions>
