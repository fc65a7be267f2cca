import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // next-auth goes through Vite, so that the tests' stand-ins for next/headers and
    // next/navigation (the request scope a server action runs in) reach it too.
    server: { deps: { inline: ["next-auth"] } },
    // Flows through Auth.js and the simulator do real crypto: give slow CI machines room.
    testTimeout: 20_000,
  },
})
