"use client"
/**
 * The tabs of one browser following the same sign-in: a `BroadcastChannel` per origin. A tab that
 * sends a code, starts over or signs in says so; the others show it.
 *
 * @module
 */
import { useEffect, useRef } from "react"
import { LINK_SIGN_IN_CHANNEL, type LinkSignInMessage } from "./state.js"

function isMessage(data: unknown): data is LinkSignInMessage {
  const type = (data as { type?: unknown } | null)?.type
  return type === "changed" || type === "signed-in"
}

/** Listen to the other tabs; returns a function that tells them something. */
export function useTabs(
  onMessage: (message: LinkSignInMessage) => void
): (message: LinkSignInMessage) => void {
  const channel = useRef<BroadcastChannel | null>(null)
  const handler = useRef(onMessage)
  useEffect(() => {
    handler.current = onMessage
  })
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return
    const opened = new BroadcastChannel(LINK_SIGN_IN_CHANNEL)
    opened.onmessage = (event: MessageEvent<unknown>) => {
      if (isMessage(event.data)) handler.current(event.data)
    }
    channel.current = opened
    return () => {
      channel.current = null
      opened.close()
    }
  }, [])
  return (message) => {
    if (channel.current) {
      channel.current.postMessage(message)
      return
    }
    // Unmounting (the page is leaving after signing in): a short-lived channel of its own.
    if (typeof BroadcastChannel === "undefined") return
    const once = new BroadcastChannel(LINK_SIGN_IN_CHANNEL)
    once.postMessage(message)
    once.close()
  }
}
