"use client"
import { useEffect, useState } from "react"

/**
 * The current time, ticking every second once hydrated. Before that it is the server's time, so
 * the first client render matches the HTML the server sent.
 */
export function useClock(serverNow: number): {
  now: number
  hydrated: boolean
} {
  const [now, setNow] = useState(serverNow)
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => {
    setHydrated(true)
    setNow(Date.now())
    const id = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(id)
  }, [])
  return { now, hydrated }
}
