/**
 * The browser half stays small: `@login-with-link/better-auth/client` (the client plugin, the
 * form's driver) reaches none of the server's modules, so an app's bundle carries the codes and
 * their words but not their HTTP statuses, the plugin's options or its routes.
 */
import { join } from "node:path"
import { assertPortable } from "@login-with-link/test-helpers"
import { expect, it } from "vitest"

const SRC = join(import.meta.dirname, "..", "src")

it("the client entry reaches no server module of the plugin", () => {
  const { reached } = assertPortable(join(SRC, "client.ts"), {
    allow: ["@login-with-link/core", "@login-with-link/core/form"],
    typeImports: "ignore",
  })
  expect(reached).toContain("error-codes.ts")
  expect(reached).toContain("paths.ts")
  for (const server of [
    "error-status.ts",
    "options.ts",
    "plugin.ts",
    "routes.ts",
    "api-error.ts",
  ])
    expect(reached).not.toContain(server)
})
