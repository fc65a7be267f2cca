/**
 * What the home page tells a first-time visitor when the shop runs on the Link simulator: the
 * demo account and where its "SMS" codes appear. Server-side env only; unset with the real API.
 * @module
 */

export type DemoInfo = { email: string; outboxUrl: string }

export function demoInfo(): DemoInfo | undefined {
  const outboxUrl = process.env.LINK_DEV_OUTBOX_URL
  if (!outboxUrl || !URL.canParse(outboxUrl)) return undefined
  return { email: process.env.LINK_DEMO_EMAIL || "jo@example.com", outboxUrl }
}
