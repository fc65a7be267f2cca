/**
 * `startShop()`: the database (migrated), Redis when configured, Better Auth and the app, on a
 * Node HTTP listener.
 * @module
 */
import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import { createAdaptorServer } from "@hono/node-server"
import type { Context } from "hono"
import { clientIpFrom, createShopApp } from "./app.js"
import {
  createShopAuth,
  shopAuthOptions,
  type ShopAuthOptions,
} from "./auth.js"
import type { ShopConfig } from "./config.js"
import { openDatabase, type ShopDatabase } from "./database.js"
import { connectRedis, type ShopRedis } from "./redis.js"

/** Options of {@link startShop}: the configuration, with test hooks. */
export interface StartShopOptions extends Omit<
  ShopConfig,
  "baseUrl" | "port" | "hostname"
> {
  /** @default 0 (a free port) */
  port?: number
  /** @default "127.0.0.1" */
  hostname?: string
  /** @default `http://<hostname>:<port>` once listening */
  baseUrl?: string
  /** Better Auth's rate limits. @default true */
  rateLimit?: boolean
  /** The client's address. @default the connection's, or `clientIpHeader`'s value when set */
  clientIp?: (c: Context) => string | undefined
  /** The fetch the Link plugin calls the Link API with. @default globalThis.fetch */
  linkFetch?: typeof fetch
  logError?: (message: string, error: unknown) => void
  /** Where a warning about the deployment (e.g. a missing client-IP header) goes, once. @default console.warn */
  logWarning?: (message: string) => void
}

/** A running shop. */
export interface RunningShop {
  url: string
  /** The app's fetch handler (for tests that skip the network). */
  fetch: (request: Request) => Response | Promise<Response>
  database: ShopDatabase
  redis: ShopRedis | undefined
  close(): Promise<void>
}

/** Opens the database and Redis, runs Better Auth's migrations, and starts listening. */
export async function startShop(
  options: StartShopOptions
): Promise<RunningShop> {
  const hostname = options.hostname ?? "127.0.0.1"
  let fetchHandler: (
    request: Request,
    env: unknown
  ) => Response | Promise<Response> = () => new Response(null, { status: 503 })
  const server = createAdaptorServer({
    fetch: (request, env) => fetchHandler(request, env),
    hostname,
  }) as Server
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, hostname, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = (options.baseUrl ?? `http://${hostname}:${port}`).replace(
    /\/+$/,
    ""
  )
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })

  let database: ShopDatabase | undefined
  let redis: ShopRedis | undefined
  try {
    database = await openDatabase({
      databaseUrl: options.databaseUrl,
      pgliteDir: options.pgliteDir,
    })
    redis = options.redisUrl ? await connectRedis(options.redisUrl) : undefined
    const authOptions: ShopAuthOptions = {
      mode: options.mode,
      baseUrl: url,
      secret: options.secret,
      database,
      redis,
      link: {
        ...options.link,
        ...(options.linkFetch ? { fetch: options.linkFetch } : {}),
      },
      oauth: options.oauth,
      oidc: options.oidc,
      ...(options.rateLimit === undefined
        ? {}
        : { rateLimit: options.rateLimit }),
    }
    await database.migrate(shopAuthOptions(authOptions))
    const app = createShopApp({
      mode: options.mode,
      baseUrl: url,
      auth: createShopAuth(authOptions),
      secret: options.secret,
      // The other origin the shop's forms may lead to: the hosted page, or Link's OAuth page.
      issuer:
        options.mode === "oidc"
          ? options.oidc.issuer
          : options.mode === "oauth"
            ? (options.oauth.url ?? "https://login.link.com")
            : undefined,
      clientIp:
        options.clientIp ??
        clientIpFrom(
          options.clientIpHeader,
          options.logWarning ?? ((message) => console.warn(message))
        ),
      devOutboxUrl: options.devOutboxUrl,
      logError: options.logError,
    })
    fetchHandler = (request, env) => app.fetch(request, env)
  } catch (error) {
    await closeServer()
    await redis?.close()
    await database?.close()
    throw error
  }
  return {
    url,
    fetch: (request) => fetchHandler(request, undefined),
    database,
    redis,
    async close() {
      await closeServer()
      await redis?.close()
      await database?.close()
    },
  }
}
