/**
 * Free TCP ports on 127.0.0.1, for servers that tests and benchmarks start. The port is free when
 * it is found; bind it soon, since another process may take it in between.
 *
 * @module
 */
import { execFileSync } from "node:child_process"
import { createServer } from "node:net"

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

// Holds all the ports at once (so they differ), prints them, exits.
const PROGRAM = `const net = require("node:net")
const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer().listen(0, "127.0.0.1"))
Promise.all(servers.map((s) => new Promise((r) => s.on("listening", r)))).then(() => {
  process.stdout.write(servers.map((s) => s.address().port).join(","))
  servers.forEach((s) => s.close())
})`

/**
 * `count` different free ports, found synchronously (a child process binds them and exits), for
 * configs that cannot await, such as Playwright's.
 */
export function freePortsSync(count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new RangeError("freePortsSync: count must be 1 to 64")
  }
  const output = execFileSync(
    process.execPath,
    ["-e", PROGRAM, String(count)],
    {
      encoding: "utf8",
    }
  )
  return output.split(",").map(Number)
}
