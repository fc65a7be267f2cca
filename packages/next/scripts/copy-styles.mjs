// `@login-with-link/next/styles.css` is `@login-with-link/react/styles.css`: one stylesheet, copied
// into dist/ (or the folder given) at build time, so `import "@login-with-link/next/styles.css"`
// keeps working.
import { copyFileSync, mkdirSync } from "node:fs"
import { createRequire } from "node:module"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const require = createRequire(import.meta.url)
const outDir = resolve(
  process.argv[2] ?? fileURLToPath(new URL("../dist", import.meta.url))
)
mkdirSync(outDir, { recursive: true })
copyFileSync(
  require.resolve("@login-with-link/react/styles.css"),
  join(outDir, "styles.css")
)
