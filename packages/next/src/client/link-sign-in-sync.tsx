"use client"
/**
 * `LinkSignInSync` of `@login-with-link/react`, refreshing with Next.js's router.
 *
 * @module
 */
import { useRouter } from "next/navigation"
import {
  LinkSignInSync as ReactLinkSignInSync,
  type LinkSignInSyncProps,
} from "@login-with-link/react"

/**
 * Put once in the app's root layout: when the person signs in with Link in one tab, every other
 * open tab of the app refreshes (`router.refresh()`), so its header, cart and pages show the
 * signed-in state without a reload. Renders nothing. (`LinkSignInForm` does this by itself.)
 *
 * @example
 * ```tsx
 * // app/layout.tsx
 * import { LinkSignInSync } from "@login-with-link/next"
 * <body><LinkSignInSync />{children}</body>
 * ```
 */
export function LinkSignInSync(props: LinkSignInSyncProps) {
  const router = useRouter()
  return (
    <ReactLinkSignInSync
      onSignedInElsewhere={props.onSignedInElsewhere ?? router.refresh}
    />
  )
}
