/**
 * `startShop()`: the shop on a Node HTTP listener.
 * @module
 */
import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import { createAdaptorServer } from "@hono/node-server"
import { createShopApp, type ShopOptions } from "./app.js"

/** `Omit` for each member of a union. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** Options of {@link startShop}. */
export type StartShopOptions = OmitEach<ShopOptions, "baseUrl"> & {
  /** @default 0 (a free port) */
  port?: number
  /** @default "127.0.0.1" */
  hostname?: string
  /** @default `http://<hostname>:<port>` once listening */
  baseUrl?: string
}

/** A running shop. */
export interface RunningShop {
  url: string
  close(): Promise<void>
}

/**
 * Starts the shop.
 *
 * @example
 * const shop = await startShop({ issuer, clientId: "hono-shop", clientSecret, sessionSecret })
 */
export async function startShop(
  options: StartShopOptions
): Promise<RunningShop> {
  const hostname = options.hostname ?? "127.0.0.1"
  let fetchHandler: (request: Request) => Response | Promise<Response> = () =>
    new Response(null, { status: 503 })
  const server = createAdaptorServer({
    fetch: (request) => fetchHandler(request),
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
  const app = createShopApp({ ...options, baseUrl: url })
  fetchHandler = app.fetch
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
