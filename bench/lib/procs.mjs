/**
 * Child processes of the benchmark: servers on free loopback ports, started and always stopped.
 * @module
 */
import { spawn } from "node:child_process"
import { setTimeout as sleep } from "node:timers/promises"

/** @type {Set<import("node:child_process").ChildProcess>} */
const children = new Set()

/** Stops every child still running (on exit, on Ctrl-C). */
export function killChildren() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null)
      child.kill("SIGKILL")
  }
}
process.once("exit", killChildren)
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, () => {
    killChildren()
    process.exit(130)
  })
}

/**
 * @typedef {object} Child
 * @property {import("node:child_process").ChildProcess} process
 * @property {() => string} output what it printed so far (the last 64 KB)
 * @property {() => Promise<void>} stop SIGTERM, then SIGKILL after 5 s
 */

/**
 * Starts a command and keeps its output for error reports.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Child}
 */
export function startChild(command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  children.add(child)
  let output = ""
  const keep = (/** @type {Buffer} */ chunk) => {
    output = (output + chunk.toString("utf8")).slice(-65536)
  }
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
  const exited = new Promise((resolve) => child.once("exit", resolve))
  exited.then(() => children.delete(child))
  return {
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill("SIGTERM")
      const timer = sleep(5000).then(() => child.kill("SIGKILL"))
      await exited
      void timer
    },
  }
}

/**
 * Waits for the child to print a line holding `{"ready": ...}` and returns that object.
 * @param {Child} child
 * @param {number} [timeoutMs]
 * @returns {Promise<Record<string, unknown>>}
 */
export function readyLine(child, timeoutMs = 30_000) {
  /** @returns {Record<string, unknown> | undefined} */
  const find = () => {
    for (const line of child.output().split("\n")) {
      if (!line.startsWith("{")) continue
      try {
        const parsed = JSON.parse(line)
        if (parsed && typeof parsed === "object" && "ready" in parsed)
          return parsed
      } catch {
        // not our line (yet)
      }
    }
    return undefined
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup()
      reject(
        new Error(`child not ready in ${timeoutMs} ms:\n${child.output()}`)
      )
    }, timeoutMs)
    const onData = () => {
      // The output kept so far already holds this chunk (its listener was added first).
      const found = find()
      if (!found) return
      cleanup()
      resolve(found)
    }
    const onExit = () => {
      cleanup()
      reject(new Error(`child exited before it was ready:\n${child.output()}`))
    }
    const cleanup = () => {
      clearTimeout(timer)
      child.process.stdout?.off("data", onData)
      child.process.off("exit", onExit)
    }
    child.process.stdout?.on("data", onData)
    child.process.once("exit", onExit)
    onData()
  })
}

/**
 * Polls `url` until it answers (any status below 500), the child exits, or `timeoutMs` passes.
 * @param {string} url
 * @param {Child} child
 * @param {number} [timeoutMs]
 */
export async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  let last = ""
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null)
      throw new Error(`server exited early:\n${child.output()}`)
    try {
      const res = await fetch(url, { redirect: "manual" })
      await res.arrayBuffer()
      if (res.status < 500) return
      last = `HTTP ${res.status}`
    } catch (error) {
      last = String(error)
    }
    await sleep(100)
  }
  throw new Error(
    `${url} did not answer in ${timeoutMs} ms (${last}):\n${child.output()}`
  )
}

/**
 * Runs a command to completion; rejects with its output when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export async function run(command, args, options = {}) {
  const child = startChild(command, args, options)
  const code = await new Promise((resolve) =>
    child.process.once("exit", (c, s) => resolve(c ?? s))
  )
  if (code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${code}):\n${child.output().slice(-6000)}`
    )
  }
  return child.output()
}
