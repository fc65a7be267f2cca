// One ESLint config for the workspace: typescript-eslint's recommended rules everywhere, plus the
// portability rules of the core (any framework, any runtime) and the provider (any Auth.js framework).
import js from "@eslint/js"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/.next/**",
      "**/.next-oidc/**",
      "**/.next-oauth/**",
      "**/node_modules/**",
      "**/next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "bench/.shop/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        fetch: "readonly",
        URL: "readonly",
        Request: "readonly",
        Response: "readonly",
        Headers: "readonly",
        AbortSignal: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        crypto: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // The core depends on Web APIs only (plus jose and zod): no framework, no Node, no Auth.js.
    files: ["packages/core/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(node:|next$|next/|next-auth|@auth/)",
              message:
                "The core runs on any framework and runtime: use Web APIs only (no Node, Next.js or Auth.js).",
            },
          ],
        },
      ],
      "no-console": "error",
    },
  },
  {
    // The provider depends on @auth/core, the core and Web APIs only.
    files: ["packages/provider/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(node:|next$|next/|next-auth)",
              message:
                "The provider runs on any Auth.js framework and on edge runtimes: use Web APIs and @auth/core only.",
            },
          ],
        },
      ],
      "no-console": "error",
    },
  },
  {
    // The form runs in any React app: react is its only peer (the core for its codes and copy).
    files: ["packages/react/src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex:
                "^(node:|next$|next/|next-auth|@auth/|better-auth|@login-with-link/(provider|next|better-auth))",
              message:
                "@login-with-link/react runs in any React app: import only react and @login-with-link/core.",
            },
          ],
        },
      ],
      "no-console": "error",
    },
  }
)
