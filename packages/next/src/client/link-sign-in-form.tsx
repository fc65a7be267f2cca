"use client"
/**
 * `LinkSignInForm` of `@login-with-link/react`, given what Next.js knows: the page's
 * `?callbackUrl=` and `?email=` while rendering on the server (so they are in the HTML before
 * JavaScript runs), and `router.refresh()` when another tab signs in.
 *
 * @module
 */
import { useRouter, useSearchParams } from "next/navigation"
import {
  LinkSignInForm as ReactLinkSignInForm,
  type LinkSignInFormProps,
} from "@login-with-link/react"

/**
 * The sign-in with Link form over the app's server action. Semantic HTML with `lwl-*` classes:
 * `@login-with-link/next/styles.css` gives it a look (CSS custom properties), or style the
 * classes, or pass `className` / `classNames`. The root carries `data-step` and `data-pending`.
 *
 * @example
 * ```tsx
 * // app/login/page.tsx
 * import { LinkSignInForm } from "@login-with-link/next"
 * import { linkAction } from "./actions"
 * export default async function LoginPage() {
 *   return <LinkSignInForm action={linkAction} state={await linkAction()} />
 * }
 * ```
 */
export function LinkSignInForm(props: LinkSignInFormProps) {
  const search = useSearchParams()
  const router = useRouter()
  return (
    <ReactLinkSignInForm
      {...props}
      callbackUrl={props.callbackUrl ?? search?.get("callbackUrl") ?? ""}
      email={props.email ?? search?.get("email") ?? ""}
      onSignedInElsewhere={props.onSignedInElsewhere ?? router.refresh}
    />
  )
}
