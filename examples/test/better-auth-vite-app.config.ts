import { betterAuthConfig } from "./better-auth.config"

export default betterAuthConfig({
  name: "better-auth-vite-app",
  command:
    "env HOST=127.0.0.1 PORT={port} node node_modules/tsx/dist/cli.mjs server/index.ts",
  host: "127.0.0.1",
})
