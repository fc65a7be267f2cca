"use client"
import { useSyncExternalStore } from "react"

// The query does not change under a mounted form without a navigation that remounts it.
const subscribe = () => () => {}

/**
 * A parameter of the page's query string, read in the browser; "" on the server and while
 * hydrating (so the first client render matches the server's HTML), then the real value.
 */
export function usePageQuery(name: string): string {
  return useSyncExternalStore(
    subscribe,
    () => new URLSearchParams(window.location.search).get(name) ?? "",
    () => ""
  )
}
