import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // Flow tests through Auth.js and the simulator do real crypto: give slow CI machines room.
    testTimeout: 20_000,
  },
})
