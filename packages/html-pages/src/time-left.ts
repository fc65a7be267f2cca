/**
 * How long something still lasts, in words, for pages that run no script and so cannot know the
 * reader's time zone: a span ("7 more days") reads the same everywhere, a clock time does not.
 * @module
 */

/**
 * How long until `expiresAt`, in words: "7 more days", "5 more hours", "1 more minute". Days from
 * 48 hours on, hours from 2 hours on, else minutes, at least 1.
 *
 * @example
 * ```ts
 * timeLeft(new Date("2026-12-13T10:00:00Z"), new Date("2026-12-06T10:00:00Z")) // "7 more days"
 * ```
 */
export function timeLeft(expiresAt: Date, now: Date): string {
  const minutes = Math.max(
    1,
    Math.round((expiresAt.getTime() - now.getTime()) / 60_000)
  )
  const [count, unit] =
    minutes >= 48 * 60
      ? [Math.round(minutes / (24 * 60)), "day"]
      : minutes >= 120
        ? [Math.round(minutes / 60), "hour"]
        : [minutes, "minute"]
  return `${count} more ${unit}${count === 1 ? "" : "s"}`
}
