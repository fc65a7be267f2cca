/**
 * The hosted-login server: oidc-provider for the protocol endpoints, a small Hono app for the
 * pages (home and interactions), behind one Node request listener.
 * @module
 */
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http"
import type { AddressInfo } from "node:net"
import { getRequestListener, type HttpBindings } from "@hono/node-server"
import { Hono } from "hono"
import type Provider from "oidc-provider"
import type { AdapterFactory } from "oidc-provider"
import {
  clientIpFromForwardedFor,
  createLinkSignIn,
  type LoginWithLinkOptions,
} from "@login-with-link/core"
import { createAccountStore, type AccountStore } from "./accounts.js"
import { limitBody, MAX_BODY_BYTES } from "./body-limit.js"
import { parseClients, type ClientConfigInput } from "./clients.js"
import { createInteractionApp } from "./interactions.js"
import { createOidcProvider, isHttpsIssuer, TTL } from "./oidc.js"
import type { HostedLoginSecrets } from "./secrets.js"
import { createMemoryStorage } from "./storage/memory.js"
import { homePage, messagePage } from "./views.js"

/** Options of {@link createHostedLogin}. */
export interface HostedLoginOptions {
  /** The issuer URL shops are configured with, e.g. `https://login.example.com`. No trailing slash. */
  issuer: string
  /** The shops allowed to sign people in. */
  clients: ClientConfigInput[]
  /** Signing keys, cookie keys, `sub` pepper and challenge key (see ./secrets.ts). */
  secrets: HostedLoginSecrets
  /**
   * Options of `@login-with-link/core`'s sign-in steps (publishableKey, apiUrl, fetch,
   * unknownEmail, rateLimit, ...). `secret` is always `secrets.challengeSecret`.
   * @default read from AUTH_LINK_KEY / AUTH_LINK_API_URL
   */
  link?: Omit<LoginWithLinkOptions, "secret">
  /**
   * Where oidc-provider keeps sessions, interactions, codes and grants, and where accounts are kept.
   * @default in memory (one instance only; see createRedisStorage for several)
   */
  storage?: AdapterFactory
  /** Trust X-Forwarded-For/-Proto/-Host. Only behind a proxy that sets them. @default false */
  trustProxy?: boolean
  /**
   * With `trustProxy`: how many proxies you run in front of the page, each appending to
   * `X-Forwarded-For` (e.g. 2 for a CDN in front of a load balancer). The client IP for Link's
   * per-IP limits is the entry the outermost of them appended, the `proxyHops`-th from the right.
   * Security: too low, and every client behind one CDN edge shares one limit (the edge's
   * address); too high, and a client picks its own IP by sending the header.
   * Without `trustProxy` the connection's address is the client IP.
   * @default 1
   */
  proxyHops?: number
  /**
   * The ID token's `email_verified` claim. Security: leave it `false` unless you know more than
   * this page does. Link proves that the person holds the phone on the Link account of this
   * email; nothing Link says shows that it ever verified the mailbox. A relying party that links
   * accounts by verified email would otherwise merge this sign-in into an existing account of
   * the same email: whoever opened a Link account with someone else's address could take over
   * their account at that shop (pre-account hijacking).
   * @default false
   */
  emailVerified?: boolean
  /** Where unexpected errors are logged. @default console.error */
  logError?: (message: string, error: unknown) => void
  /** Where a warning about the deployment (e.g. a wrong `proxyHops`) goes, once. @default console.warn */
  logWarning?: (message: string) => void
}

/** A configured hosted-login, not yet listening. */
export interface HostedLogin {
  provider: Provider
  accounts: AccountStore
  /** The Node request listener: mount it on any `http.createServer`. */
  listener: (req: IncomingMessage, res: ServerResponse) => void
}

const PAGE_PATHS = /^\/(?:$|interaction\/|healthz$)/

/**
 * Creates the hosted-login request listener.
 *
 * @example
 * const { listener } = createHostedLogin({ issuer, clients, secrets: loadOrCreateSecrets(".data") })
 * http.createServer(listener).listen(3100)
 */
export function createHostedLogin(options: HostedLoginOptions): HostedLogin {
  const issuer = options.issuer.replace(/\/+$/, "")
  const clients = parseClients(options.clients, "clients")
  const storage = options.storage ?? createMemoryStorage()
  const logError =
    options.logError ??
    ((message: string, error: unknown) =>
      console.error(message, ...(error === undefined ? [] : [error])))
  const accounts = createAccountStore(
    storage,
    options.secrets.subjectPepper,
    TTL.Session
  )
  const provider = createOidcProvider({
    issuer,
    clients,
    secrets: options.secrets,
    storage,
    accounts,
    trustProxy: options.trustProxy ?? false,
    emailVerified: options.emailVerified ?? false,
  })
  provider.on("server_error", (_ctx, error) =>
    logError("hosted-login: oidc-provider server_error", error)
  )

  const clientIp = hostedClientIp({
    trustProxy: provider.proxy,
    proxyHops: options.proxyHops ?? 1,
    warn: options.logWarning ?? ((message) => console.warn(message)),
  })
  const signIn = createLinkSignIn({
    ...options.link,
    secret: options.secrets.challengeSecret,
  })

  const pages = new Hono<{ Bindings: HttpBindings }>()
  pages.use("*", async (c, next) => {
    await next()
    c.header(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"
    )
    c.header("X-Content-Type-Options", "nosniff")
    c.header("Referrer-Policy", "no-referrer")
  })
  pages.get("/", (c) => c.html(homePage(issuer)))
  pages.get("/healthz", (c) => c.json({ ok: true }))
  pages.route(
    "/",
    createInteractionApp({
      provider,
      signIn,
      accounts,
      logError,
      clientIp: (c) => clientIp(c.req.raw, c.env.incoming),
    })
  )
  pages.notFound((c) =>
    c.html(
      messagePage({
        title: "Page not found",
        message: "There is no page at this address.",
        action: "Go back to the shop and choose Sign in again.",
      }),
      404
    )
  )
  pages.onError((error, c) => {
    logError("hosted-login: page failed", error)
    return c.html(
      messagePage({
        title: "Something went wrong",
        message: "The sign-in page failed.",
        action: "Go back to the shop and try again.",
      }),
      500
    )
  })

  const pageListener = getRequestListener(pages.fetch)
  const oidcListener = provider.callback()
  const httpsOnly = isHttpsIssuer(issuer)
  const isHttps = (req: IncomingMessage) =>
    Boolean((req.socket as { encrypted?: boolean }).encrypted) ||
    (provider.proxy &&
      String(req.headers["x-forwarded-proto"] ?? "")
        .split(",")[0]
        ?.trim()
        .toLowerCase() === "https")
  return {
    provider,
    accounts,
    listener(req, res) {
      const path = (req.url ?? "/").split("?")[0] ?? "/"
      const page = PAGE_PATHS.test(path)
      // An https issuer sets Secure cookies, which cannot travel over a plain-http request (one
      // that bypassed the TLS proxy, or a proxy that is not trusted): refuse it plainly.
      if (httpsOnly && !isHttps(req) && path !== "/healthz")
        return void refuse(res, page, 400, {
          error: "invalid_request",
          title: "This page needs HTTPS",
          message: `Open it at ${issuer}.`,
          action:
            "If you run this server: it must be reached through the TLS proxy, with HOSTED_LOGIN_TRUST_PROXY=1 (trustProxy).",
        })
      limitBody(
        req,
        res,
        () =>
          void refuse(res, page, 413, {
            error: "invalid_request",
            title: "This request is too large",
            message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB, which no sign-in form comes near.`,
            action: "Go back to the shop and choose Sign in again.",
          }),
        (request) =>
          void (page ? pageListener(request, res) : oidcListener(request, res))
      )
    },
  }
}

/**
 * Where the page takes the client IP from: the connection's address, or behind `trustProxy` the
 * `X-Forwarded-For` entry the outermost of `proxyHops` proxies appended (the core's
 * `clientIpFromForwardedFor`). A proxied request without that many entries did not come through
 * every proxy: it gets no IP (the steps' IP-less limits apply), and the first one is logged, since
 * it usually means `proxyHops` is wrong.
 */
export function hostedClientIp(options: {
  trustProxy: boolean
  proxyHops: number
  warn: (message: string) => void
}): (request: Request, incoming: IncomingMessage) => string | undefined {
  if (!options.trustProxy)
    return (_request, incoming) => incoming.socket.remoteAddress
  const fromHeader = clientIpFromForwardedFor({ hops: options.proxyHops })
  let warned = false
  return (request) => {
    const ip = fromHeader(request)
    if (ip === undefined && !warned) {
      warned = true
      options.warn(
        `hosted-login: a request came through the trusted proxy with fewer than ${options.proxyHops} X-Forwarded-For entries, so it has no client IP and only the deployment-wide limits apply to it. Check HOSTED_LOGIN_PROXY_HOPS (proxyHops): the number of proxies that append to X-Forwarded-For. (Logged once.)`
      )
    }
    return ip
  }
}

/** A refusal before any route runs: an HTML page for the pages, OAuth-style JSON for the rest. */
async function refuse(
  res: ServerResponse,
  page: boolean,
  status: 400 | 413,
  copy: { error: string; title: string; message: string; action: string }
): Promise<void> {
  res.statusCode = status
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("X-Content-Type-Options", "nosniff")
  if (page) {
    res.setHeader("Content-Type", "text/html; charset=UTF-8")
    res.setHeader(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    )
    res.end(String(await messagePage(copy)))
  } else {
    res.setHeader("Content-Type", "application/json; charset=utf-8")
    res.end(
      JSON.stringify({
        error: copy.error,
        error_description: `${copy.title}: ${copy.message}`,
      })
    )
  }
}

/** Options of {@link startHostedLogin}. */
export interface StartHostedLoginOptions extends Omit<
  HostedLoginOptions,
  "issuer"
> {
  /** @default 0 (a free port) */
  port?: number
  /** @default "127.0.0.1" */
  hostname?: string
  /** @default `http://<hostname>:<port>` once listening */
  issuer?: string
}

/** A running hosted-login. */
export interface RunningHostedLogin extends HostedLogin {
  url: string
  close(): Promise<void>
}

/**
 * Starts hosted-login on a port (0 = a free one). Without `issuer`, the issuer is the URL it
 * listens on, known once the port is.
 *
 * @example
 * const login = await startHostedLogin({ clients, secrets: generateSecrets(), link: { apiUrl } })
 * // login.url === "http://127.0.0.1:54321"
 * await login.close()
 */
export async function startHostedLogin(
  options: StartHostedLoginOptions
): Promise<RunningHostedLogin> {
  const hostname = options.hostname ?? "127.0.0.1"
  let listener: HostedLogin["listener"] = (_req, res) => {
    res.statusCode = 503
    res.end()
  }
  const server = createServer((req, res) => listener(req, res))
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, hostname, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = options.issuer ?? `http://${hostname}:${port}`
  let hosted: HostedLogin
  try {
    // This server speaks plain HTTP: an https issuer means a TLS-terminating proxy in front,
    // which must be trusted for requests to count as https (and Secure cookies to be set).
    if (isHttpsIssuer(url) && !options.trustProxy)
      throw new TypeError(
        `The issuer ${url} is https, but this server speaks plain HTTP and trusts no proxy: run it behind a TLS-terminating proxy that sets X-Forwarded-Proto and set HOSTED_LOGIN_TRUST_PROXY=1 (trustProxy: true).`
      )
    hosted = createHostedLogin({ ...options, issuer: url })
  } catch (error) {
    server.close()
    throw error
  }
  listener = hosted.listener
  return {
    ...hosted,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
