"use client"
import { useTabs } from "./tabs.js"

/** Props of {@link LinkSignInSync}. */
export interface LinkSignInSyncProps {
  /**
   * What to do when another tab signs in. Default: reload the page (`@login-with-link/next`
   * passes Next.js's `router.refresh`; a client app can refetch its session instead).
   */
  onSignedInElsewhere?: () => void
}

const reload = () => window.location.reload()

/**
 * Put once in the app's root layout: when the person signs in with Link in one tab, every other
 * open tab of the app follows (reloads, or does what `onSignedInElsewhere` says), so its header,
 * cart and pages show the signed-in state. Renders nothing. (`LinkSignInForm` does this by itself.)
 *
 * @example
 * ```tsx
 * // app/layout.tsx
 * import { LinkSignInSync } from "@login-with-link/react"
 * <body><LinkSignInSync />{children}</body>
 * ```
 */
export function LinkSignInSync(props: LinkSignInSyncProps) {
  useTabs((message) => {
    if (message.type === "signed-in") (props.onSignedInElsewhere ?? reload)()
  })
  return null
}
