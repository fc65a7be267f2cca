/**
 * `startSimulator()`: the simulator on a Node HTTP listener.
 * @module
 */
import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import { createAdaptorServer } from "@hono/node-server"
import type { SimulatorOptions } from "./config.js"
import type { SimulatorEnv } from "./fault-middleware.js"
import { createSimulator, type Simulator } from "./simulator.js"

/** Options of {@link startSimulator}: where to listen, plus every simulator option. */
export interface StartOptions extends SimulatorOptions {
  /** The port; 0 picks a free one. @default 0 */
  port?: number
  /** The address to bind. @default "127.0.0.1" */
  hostname?: string
}

/** A simulator listening on a port. */
export interface RunningSimulator {
  /** Its base URL, e.g. `http://127.0.0.1:41234`. */
  url: string
  /** `url + "/api"`: what a Link client takes as its API URL. */
  apiUrl: string
  /**
   * `url + "/oauth"`: the base of the simulated login.link.com (`/auth`, `/auth/token`,
   * `/auth/revoke`) and api.link.com (`/userinfo`).
   */
  oauthUrl: string
  /** The in-process simulator behind the listener (state, reset). */
  simulator: Simulator
  /** Stops listening, ending every open connection (hung requests included). */
  close(): Promise<void>
}

/**
 * Starts the simulator on `hostname:port`.
 * @example
 * const link = await startSimulator({ port: 0, quiet: true })
 * // ... point a client at link.apiUrl ...
 * await link.close()
 */
export async function startSimulator(
  options: StartOptions = {}
): Promise<RunningSimulator> {
  const { port = 0, hostname = "127.0.0.1", ...simulatorOptions } = options
  const simulator = createSimulator(simulatorOptions)
  const server = createAdaptorServer({
    // The app's own fetch, not simulator.fetch: a response ready at once stays off promises.
    fetch: (request, env) =>
      simulator.app.fetch(request, env as unknown as SimulatorEnv["Bindings"]),
    hostname,
  }) as Server
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, hostname, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host =
    address.family === "IPv6" ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}`
  let closed: Promise<void> | undefined
  return {
    url,
    apiUrl: `${url}/api`,
    oauthUrl: `${url}/oauth`,
    simulator,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        simulator.state.releaseHangs()
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      })
      return closed
    },
  }
}
