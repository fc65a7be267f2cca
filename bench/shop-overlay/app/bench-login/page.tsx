import type { Metadata } from "next"
import { notFound } from "next/navigation"
import { baselineEnabled } from "@/app/lib/bench-baseline"
import { baselineSignIn } from "./actions"

export const metadata: Metadata = { title: "Baseline sign-in (benchmark)" }

/** Only with BENCH_BASELINE_PROVIDER=1: the form the benchmark posts for its baseline. */
export default function BenchLoginPage() {
  if (!baselineEnabled()) notFound()
  return (
    <div className="container login-page">
      <div className="login-card">
        <h1 className="login-card__title">Baseline sign-in</h1>
        <form action={baselineSignIn} className="stack">
          <div className="field">
            <label htmlFor="email" className="field__label">
              Email
            </label>
            <input
              id="email"
              name="email"
              type="email"
              required
              className="field__input"
            />
          </div>
          <button type="submit" className="button">
            Sign in
          </button>
        </form>
      </div>
    </div>
  )
}
