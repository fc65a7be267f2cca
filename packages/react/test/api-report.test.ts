// The API report: what the entry point exports. An addition or a removal is a change to review
// here.
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { exportNames } from "@login-with-link/test-helpers/api-report"
import { expect, it } from "vitest"

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "src")

it("the API report of @login-with-link/react", () => {
  expect(exportNames(join(src, "index.ts"))).toEqual([
    "defaultLabels",
    "LINK_SIGN_IN_FIELDS",
    "LINK_SIGN_IN_INTENTS",
    "type LinkFormAction",
    "type LinkFormState",
    "type LinkSignInAction",
    "type LinkSignInAlert",
    "type LinkSignInClassNames",
    "type LinkSignInCopy",
    "LinkSignInForm",
    "type LinkSignInFormProps",
    "type LinkSignInIntent",
    "type LinkSignInLabels",
    "type LinkSignInPart",
    "type LinkSignInState",
    "type LinkSignInStep",
    "LinkSignInSync",
    "type LinkSignInSyncProps",
  ])
}, 60_000)
