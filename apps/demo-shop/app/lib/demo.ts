/**
 * What the home page tells a first-time visitor when the shop runs on the Link simulator: the
 * demo account and where its "SMS" codes appear, and, with `pnpm dev:oidc`, the hosted Login with
 * Link page and the second shop. Server-side env only; unset with the real API.
 * @module
 */

export type DemoInfo = {
  /** The demo account and the simulator's outbox, when the shop runs on the simulator. */
  outbox?: { email: string; url: string }
  /** The hosted Login with Link page (LINK_HOSTED_LOGIN_URL). */
  hostedLoginUrl?: string
  /** Another shop signing in through the hosted page (LINK_SECOND_SHOP_URL). */
  secondShopUrl?: string
}

function httpUrl(value: string | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return undefined
  return /^https?:$/.test(new URL(value).protocol) ? value : undefined
}

export function demoInfo(): DemoInfo | undefined {
  const outboxUrl = httpUrl(process.env.LINK_DEV_OUTBOX_URL)
  const hostedLoginUrl = httpUrl(process.env.LINK_HOSTED_LOGIN_URL)
  const secondShopUrl = httpUrl(process.env.LINK_SECOND_SHOP_URL)
  if (!outboxUrl && !hostedLoginUrl && !secondShopUrl) return undefined
  return {
    ...(outboxUrl && {
      outbox: {
        email: process.env.LINK_DEMO_EMAIL || "jo@example.com",
        url: outboxUrl,
      },
    }),
    ...(hostedLoginUrl && { hostedLoginUrl }),
    ...(secondShopUrl && { secondShopUrl }),
  }
}
