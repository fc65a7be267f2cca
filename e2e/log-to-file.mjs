// Runs a command and copies its stdout and stderr to a file as well as to our own, so that the
// security journey can read what the shop's server logged during the browser tests.
// Usage: node e2e/log-to-file.mjs <file> <command> [args...]
import { spawn } from "node:child_process"
import { createWriteStream, mkdirSync } from "node:fs"
import { dirname } from "node:path"

const [file, command, ...args] = process.argv.slice(2)
if (!file || !command) {
  console.error("usage: node e2e/log-to-file.mjs <file> <command> [args...]")
  process.exit(2)
}
mkdirSync(dirname(file), { recursive: true })
const log = createWriteStream(file, { flags: "w" })
const child = spawn(command, args, { stdio: ["inherit", "pipe", "pipe"] })
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk)
  log.write(chunk)
})
child.stderr.on("data", (chunk) => {
  process.stderr.write(chunk)
  log.write(chunk)
})
child.on("exit", (code, signal) => {
  log.end(() => process.exit(code ?? (signal ? 1 : 0)))
})
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal))
}
