/**
 * What the simulated login.link.com remembers: sign-ins in progress on the hosted page,
 * authorization codes, and grants with their refresh and access tokens. Codes and tokens are kept
 * only as SHA-256 digests; lifetimes run on the simulator's clock.
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import type { HashedCode } from "../codes.js"

/** How long each OAuth artefact lives, in ms. */
export const OAUTH_LIFETIMES = {
  /** An authorization code: 10 minutes, once. */
  authorizationCodeMs: 10 * 60_000,
  /** An access token: 1 hour. */
  accessTokenMs: 60 * 60_000,
  /** A refresh token: 1 year (it rotates on every use). */
  refreshTokenMs: 365 * 86_400_000,
  /** A sign-in on the hosted page, from the authorization request to the redirect: 30 minutes. */
  signInMs: 30 * 60_000,
} as const

/** The prefixes of the tokens, as Link's look. */
export const TOKEN_PREFIX = {
  access: "liwltoken_",
  refresh: "liwlrefresh_",
} as const

/** Most grants kept; the oldest go first (with their tokens). */
export const MAX_GRANTS = 100_000
/** Most sign-ins in progress kept; the oldest go first. */
export const MAX_SIGN_INS = 10_000

/** A checked authorization request: everything the code will be bound to. */
export interface AuthorizationRequest {
  clientId: string
  redirectUri: string
  /** The publishable key on the authorization URL. */
  key: string
  testMode: boolean
  scope: string[]
  state: string | undefined
  codeChallenge: string
  /** The authorization URL's path and query, to start this sign-in over. */
  startOver: string
}

/** A sign-in in progress on the hosted page. */
export interface SignIn extends AuthorizationRequest {
  id: string
  /** SHA-256 of the browser cookie the sign-in is bound to. */
  browser: Buffer
  step: "email" | "code" | "failed"
  expiresAt: number
  email?: string | undefined
  code?: HashedCode | undefined
  codeExpiresAt?: number | undefined
  lastSendAt?: number | undefined
  attempts: number
}

/** An authorization code as stored. */
export interface AuthorizationCode {
  clientId: string
  redirectUri: string
  codeChallenge: string
  personId: string
  key: string
  scope: string[]
  expiresAt: number
  /** Set when it was redeemed (or a redemption was tried): it never works again. */
  used: boolean
  /** The grant it was exchanged for: revoked if the code is presented again. */
  grantId?: string | undefined
}

/** A grant: one person's consent to one client, with its token family. */
export interface Grant {
  id: string
  clientId: string
  personId: string
  /** The email the person signed in with (for the dev page). */
  email: string
  key: string
  scope: string[]
  createdAt: number
  /** Times its refresh token was used. */
  refreshes: number
  revokedAt?: number | undefined
  /** Digest of the refresh token that works now. */
  refresh: string
  refreshExpiresAt: number
  /** Digests of refresh tokens that were rotated out (presenting one revokes the grant). */
  spentRefresh: string[]
  /** Digests of its access tokens. */
  access: string[]
}

/** An access token as stored. */
export interface AccessToken {
  grantId: string
  /** Its scopes: the grant's, or fewer when a refresh asked for fewer. */
  scope: string[]
  expiresAt: number
  revoked: boolean
}

/** A new pair of tokens (the only time they exist in clear). */
export interface TokenPair {
  accessToken: string
  refreshToken: string
}

/** The SHA-256 digest of a token or code, hex: how every one is stored and looked up. */
export const digest = (value: string) =>
  createHash("sha256").update(value, "utf8").digest("hex")

/** A new unguessable value: 256 bits from the CSPRNG, base64url. */
export const randomToken = () => randomBytes(32).toString("base64url")

/** Whether a browser cookie value is the one a sign-in is bound to (constant time). */
export function sameBrowser(
  signIn: SignIn,
  cookie: string | undefined
): boolean {
  if (!cookie) return false
  return timingSafeEqual(
    signIn.browser,
    createHash("sha256").update(cookie, "utf8").digest()
  )
}

/** The OAuth memory. */
export interface OAuthStore {
  /** Starts a sign-in bound to a browser cookie value. */
  startSignIn(
    request: AuthorizationRequest,
    browserCookie: string,
    now: number
  ): SignIn
  /** A sign-in in progress, unless it expired. */
  signIn(id: string, now: number): SignIn | undefined
  endSignIn(id: string): void
  /** Issues a code for a finished sign-in; returns it in clear. */
  issueCode(
    code: Omit<AuthorizationCode, "used" | "expiresAt">,
    now: number
  ): string
  /** The code with this value, while it lives (used or not). */
  code(value: string, now: number): AuthorizationCode | undefined
  /** Creates a grant with its first tokens. */
  createGrant(
    grant: Pick<Grant, "clientId" | "personId" | "email" | "key" | "scope">,
    now: number
  ): { grant: Grant; tokens: TokenPair }
  /** The grant a refresh token belongs to, and whether it is the current one. */
  refresh(value: string): { grant: Grant; current: boolean } | undefined
  /** Rotates a grant's refresh token and issues a new access token (with `scope`, default the grant's). */
  rotate(grant: Grant, now: number, scope?: string[]): TokenPair
  /** The access token and its grant. */
  access(value: string): { token: AccessToken; grant: Grant } | undefined
  /** Revokes a grant: its refresh token and every access token stop working. */
  revokeGrant(grant: Grant, now: number): void
  /** The grant with this id. */
  grant(id: string): Grant | undefined
  /** Every grant, oldest first. */
  grants(): Grant[]
  clear(): void
}

/** Creates an empty OAuth store; `onIssue` sees every code and token issued (in clear). */
export function createOAuthStore(
  onIssue: (value: string) => void = () => {}
): OAuthStore {
  const signIns = new Map<string, SignIn>()
  const codes = new Map<string, AuthorizationCode>()
  const grants = new Map<string, Grant>()
  const refreshTokens = new Map<string, string>()
  const accessTokens = new Map<string, AccessToken>()

  // Codes, access tokens and sign-ins all live a fixed time and the clock never goes back, so
  // insertion order is expiry order: drop from the oldest end, stop at the first live one.
  function sweep<V extends { expiresAt: number }>(
    map: Map<string, V>,
    now: number
  ) {
    for (const [k, v] of map) {
      if (v.expiresAt > now) break
      map.delete(k)
    }
  }

  function forget(grant: Grant) {
    grants.delete(grant.id)
    refreshTokens.delete(grant.refresh)
    for (const spent of grant.spentRefresh) refreshTokens.delete(spent)
    for (const access of grant.access) accessTokens.delete(access)
  }

  function issueAccess(grant: Grant, now: number, scope: string[]): string {
    sweep(accessTokens, now)
    const token = `${TOKEN_PREFIX.access}${randomToken()}`
    const hash = digest(token)
    accessTokens.set(hash, {
      grantId: grant.id,
      scope,
      expiresAt: now + OAUTH_LIFETIMES.accessTokenMs,
      revoked: false,
    })
    grant.access = grant.access.filter((h) => accessTokens.has(h))
    grant.access.push(hash)
    onIssue(token)
    return token
  }

  function issueRefresh(grant: Grant, now: number): string {
    const token = `${TOKEN_PREFIX.refresh}${randomToken()}`
    grant.refresh = digest(token)
    grant.refreshExpiresAt = now + OAUTH_LIFETIMES.refreshTokenMs
    refreshTokens.set(grant.refresh, grant.id)
    onIssue(token)
    return token
  }

  return {
    startSignIn(request, browserCookie, now) {
      sweep(signIns, now)
      if (signIns.size >= MAX_SIGN_INS) {
        const oldest = signIns.keys().next().value
        if (oldest !== undefined) signIns.delete(oldest)
      }
      const signIn: SignIn = {
        ...request,
        id: randomToken(),
        browser: createHash("sha256").update(browserCookie, "utf8").digest(),
        step: "email",
        expiresAt: now + OAUTH_LIFETIMES.signInMs,
        attempts: 0,
      }
      signIns.set(signIn.id, signIn)
      return signIn
    },
    signIn(id, now) {
      const signIn = signIns.get(id)
      if (!signIn) return undefined
      if (now >= signIn.expiresAt) {
        signIns.delete(id)
        return undefined
      }
      return signIn
    },
    endSignIn: (id) => void signIns.delete(id),

    issueCode(code, now) {
      sweep(codes, now)
      const value = randomToken()
      codes.set(digest(value), {
        ...code,
        used: false,
        expiresAt: now + OAUTH_LIFETIMES.authorizationCodeMs,
      })
      onIssue(value)
      return value
    },
    code(value, now) {
      const code = codes.get(digest(value))
      if (!code || now >= code.expiresAt) return undefined
      return code
    },

    createGrant(input, now) {
      if (grants.size >= MAX_GRANTS) {
        const oldest = grants.values().next().value
        if (oldest) forget(oldest)
      }
      const grant: Grant = {
        ...input,
        id: randomToken(),
        createdAt: now,
        refreshes: 0,
        refresh: "",
        refreshExpiresAt: 0,
        spentRefresh: [],
        access: [],
      }
      grants.set(grant.id, grant)
      const refreshToken = issueRefresh(grant, now)
      const accessToken = issueAccess(grant, now, grant.scope)
      return { grant, tokens: { accessToken, refreshToken } }
    },
    refresh(value) {
      const hash = digest(value)
      const grantId = refreshTokens.get(hash)
      const grant = grantId === undefined ? undefined : grants.get(grantId)
      if (!grant) return undefined
      return { grant, current: grant.refresh === hash }
    },
    rotate(grant, now, scope = grant.scope) {
      grant.spentRefresh.push(grant.refresh)
      grant.refreshes += 1
      const refreshToken = issueRefresh(grant, now)
      const accessToken = issueAccess(grant, now, scope)
      return { accessToken, refreshToken }
    },
    access(value) {
      const token = accessTokens.get(digest(value))
      const grant = token && grants.get(token.grantId)
      return token && grant ? { token, grant } : undefined
    },
    revokeGrant(grant, now) {
      grant.revokedAt ??= now
      for (const hash of grant.access) {
        const token = accessTokens.get(hash)
        if (token) token.revoked = true
      }
    },
    grant: (id) => grants.get(id),
    grants: () => [...grants.values()],
    clear() {
      signIns.clear()
      codes.clear()
      grants.clear()
      refreshTokens.clear()
      accessTokens.clear()
    },
  }
}
