/**
 * Figure 5: how many Link API calls one sign-in makes, as the simulator counts them
 * (GET /__control/stats): through authorize() in-process, with and without one resend, and
 * through the shop (counted during figure 3).
 * @module
 */
import { benchAuthorize, benchSimulator } from "../lib/link.mjs"
import { figure, round } from "../lib/stats.mjs"

const SIGN_INS = 20

/**
 * @param {{ viaShop?: { signIns: number, calls: number, perSignIn: number, byRoute: Record<string, number> } }} [options]
 */
export async function linkCalls(options = {}) {
  const { sim, fetch: simFetch } = benchSimulator({ people: SIGN_INS * 2 })
  // resendCooldown 0: a resend is allowed at once (the simulator's own cooldown is 0 too).
  const provider = benchAuthorize(simFetch, { resendCooldown: 0 })
  const total = async () => {
    const res = await sim.fetch(new Request("http://127.0.0.1/__control/stats"))
    const body = /** @type {{ total: number }} */ (await res.json())
    return body.total
  }

  const t0 = await total()
  for (let i = 0; i < SIGN_INS; i++) {
    await provider.finish(await provider.start(`bench-${i}@example.com`))
  }
  const t1 = await total()
  for (let i = SIGN_INS; i < 2 * SIGN_INS; i++) {
    const first = await provider.start(`bench-${i}@example.com`)
    await provider.finish(await provider.resend(first))
  }
  const t2 = await total()
  const plain = (t1 - t0) / SIGN_INS
  const withResend = (t2 - t1) / SIGN_INS
  const result = figure({
    id: "link-calls",
    title: "5. Calls to Link per sign-in, counted by the simulator",
    value: plain,
    baseline: 3,
    unit: "calls/sign-in",
    baselineLabel: "lookup + start_verification + authenticate",
    goal: { op: "==", target: 1 },
    details: {
      viaAuthorize: { signIns: SIGN_INS, perSignIn: plain },
      viaAuthorizeWithOneResend: {
        signIns: SIGN_INS,
        perSignIn: withResend,
        expected: 4,
      },
      viaShop: options.viaShop ?? "not measured (figure 3 did not run)",
    },
  })
  result.met =
    plain === 3 &&
    withResend === 4 &&
    (options.viaShop === undefined || options.viaShop.perSignIn === 3)
  result.details = {
    ...result.details,
    summary: `${plain} per sign-in, ${withResend} with one resend${options.viaShop ? `, ${round(options.viaShop.perSignIn, 4)} through the shop (${options.viaShop.signIns} sign-ins)` : ""}`,
  }
  return result
}
