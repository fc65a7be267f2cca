/**
 * A real PostgreSQL server for tests: `initdb` into a temporary directory, `postgres` on a free
 * 127.0.0.1 port (fsync off), removed by `stop()`. Debian's binaries live in
 * /usr/lib/postgresql/<version>/bin (`apt-get install postgresql`; `.ci/run` installs it), or set
 * POSTGRES_BIN_DIR. Postgres refuses to run as root, so as root it runs as the `postgres` user.
 */
import { execFileSync, spawn } from "node:child_process"
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort } from "./ports.js"

export interface PostgresServer {
  url: string
  stop(): Promise<void>
}

/** The directory of `initdb` and `postgres`, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR
  const root = "/usr/lib/postgresql"
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "postgres")))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], "bin") : undefined
}

/** The uid/gid to run as: the `postgres` user when we are root. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) =>
    Number(execFileSync("id", [flag, "postgres"]).toString().trim())
  return { uid: id("-u"), gid: id("-g") }
}

/** Starts a fresh server with a `shop` superuser and waits until it accepts connections. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir()
  if (!bin)
    throw new Error(
      "PostgreSQL is not installed: apt-get install postgresql, or set POSTGRES_BIN_DIR."
    )
  const user = runAs()
  const dir = mkdtempSync(join(tmpdir(), "shop-pg-"))
  if (user) chownSync(dir, user.uid, user.gid)
  const data = join(dir, "data")
  execFileSync(
    join(bin, "initdb"),
    [
      "-D",
      data,
      "-U",
      "shop",
      "--auth=trust",
      "-E",
      "UTF8",
      "--no-sync",
      "--no-instructions",
    ],
    { stdio: "pipe", ...(user ?? {}) }
  )
  const port = await freePort()
  const child = spawn(
    join(bin, "postgres"),
    [
      "-D",
      data,
      "-p",
      String(port),
      "-k",
      dir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
    ],
    { stdio: ["ignore", "pipe", "pipe"], ...(user ?? {}) }
  )
  let output = ""
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("ready to accept connections")) {
        child.stderr?.off("data", onData)
        resolve()
      }
    }
    child.stderr?.on("data", onData)
    child.once("error", reject)
    child.once("exit", (code) =>
      reject(new Error(`postgres exited (${code}): ${output}`))
    )
  })
  child.stdout?.resume()
  child.stderr?.resume()
  let stopped: Promise<void> | undefined
  return {
    url: `postgres://shop@127.0.0.1:${port}/postgres`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true })
          resolve()
        }
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once("exit", done)
        // SIGINT: Postgres's "fast" shutdown (disconnects clients, no waiting).
        child.kill("SIGINT")
      })
      return stopped
    },
  }
}
