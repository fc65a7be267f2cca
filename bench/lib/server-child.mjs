/**
 * A server in its own process, so that the load generator and the server under test do not share
 * an event loop. `node server-child.mjs simulator '<options JSON>'` starts the Link simulator;
 * `node server-child.mjs hello` a hello-world Hono route on the same @hono/node-server. Prints
 * `{"ready":true,"url":...}` once listening; stops on SIGTERM.
 * @module
 */
import { serve } from "@hono/node-server"
import { Hono } from "hono"
import { benchPeople } from "./link.mjs"

// BENCH_SIMULATOR_MODULE: another build of the simulator, to measure a change before it lands.
const { startSimulator } =
  /** @type {typeof import("@login-with-link/simulator")} */ (
    await import(
      process.env.BENCH_SIMULATOR_MODULE || "@login-with-link/simulator"
    )
  )

const [kind = "", json = "{}"] = process.argv.slice(2)
const options = JSON.parse(json)

if (kind === "simulator") {
  const { people = 500, ...rest } = options
  const running = await startSimulator({
    port: 0,
    hostname: "127.0.0.1",
    quiet: true,
    devPages: false,
    control: true,
    people: benchPeople(people),
    maxSendsPerHour: 1e9,
    maxAttempts: 1e6,
    resendCooldownMs: 0,
    requestsPerMinutePerKey: 1e9,
    requestsPerMinutePerIp: 1e9,
    env: {},
    ...rest,
  })
  console.log(
    JSON.stringify({ ready: true, url: running.url, apiUrl: running.apiUrl })
  )
  process.once("SIGTERM", () => {
    void running.close().then(() => process.exit(0))
  })
} else if (kind === "hello") {
  const app = new Hono()
  app.get("/", (c) => c.text("Hello, world!"))
  const server = serve(
    { fetch: app.fetch, port: 0, hostname: "127.0.0.1" },
    (info) => {
      console.log(
        JSON.stringify({ ready: true, url: `http://127.0.0.1:${info.port}` })
      )
    }
  )
  process.once("SIGTERM", () => {
    server.close(() => process.exit(0))
  })
} else {
  console.error(`server-child: unknown kind ${JSON.stringify(kind)}`)
  process.exit(2)
}
