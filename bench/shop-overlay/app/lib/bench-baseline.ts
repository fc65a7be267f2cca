/**
 * The benchmark's baseline (bench/, figure 3): a Credentials provider that signs anyone in at
 * once, so the cost of a Login with Link sign-in can be compared with the cheapest sign-in the same
 * app can do. Off unless BENCH_BASELINE_PROVIDER=1; never set it outside a benchmark.
 * @module
 */
import Credentials from "next-auth/providers/credentials"

export function baselineEnabled(): boolean {
  return process.env.BENCH_BASELINE_PROVIDER === "1"
}

/** `[]`, or the baseline provider (id "baseline") when BENCH_BASELINE_PROVIDER=1. */
export function baselineProviders() {
  if (!baselineEnabled()) return []
  return [
    Credentials({
      id: "baseline",
      name: "Baseline (benchmark)",
      credentials: { email: { label: "Email", type: "email" } },
      authorize(credentials) {
        const email = credentials?.email
        return typeof email === "string" && /^[^\s@]+@[^\s@]+$/.test(email)
          ? { id: email, email }
          : null
      },
    }),
  ]
}
