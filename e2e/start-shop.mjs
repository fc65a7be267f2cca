// The demo shop as it runs in production: `next build`, then `next start` on 127.0.0.1:$PORT.
// In CI it always builds; locally it reuses .next when no source file is newer than the build.
// NEXT_DIST_DIR (read by next.config.ts too) builds elsewhere, e.g. .next-oidc for e2e-oidc.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const shopDir = join(root, "apps", "demo-shop")
const nextBin = join(shopDir, "node_modules", "next", "dist", "bin", "next")
const distDir = process.env.NEXT_DIST_DIR || ".next"
const buildId = join(shopDir, distDir, "BUILD_ID")

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0 // a folder's own mtime changes when a build adds .next-oidc or next-env.d.ts
  for (const entry of readdirSync(path)) {
    // Build outputs (either build rewrites next-env.d.ts) are not sources.
    if (
      entry === "node_modules" ||
      entry.startsWith(".next") ||
      entry === "next-env.d.ts" ||
      entry.endsWith(".tsbuildinfo")
    )
      continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

const sources = [
  shopDir,
  join(root, "packages", "provider", "dist"),
  join(root, "packages", "next", "dist"),
  join(root, "packages", "next", "styles.css"),
]
const stale =
  !existsSync(buildId) ||
  Math.max(...sources.map(newestMtime)) > statSync(buildId).mtimeMs

if (process.env.CI || stale) {
  console.log("Building the demo shop for production (next build)…")
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: shopDir,
    stdio: "inherit",
    env: process.env,
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
} else {
  console.log(
    `Reusing the demo shop's production build in apps/demo-shop/${distDir}.`
  )
}

const server = spawn(
  process.execPath,
  [
    nextBin,
    "start",
    "--port",
    String(process.env.PORT),
    "--hostname",
    "127.0.0.1",
  ],
  { cwd: shopDir, stdio: "inherit", env: process.env }
)
server.on("exit", (code) => process.exit(code ?? 0))
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal))
}
