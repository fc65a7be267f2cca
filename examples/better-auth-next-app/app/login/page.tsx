import { LinkSignInForm } from "@login-with-link/react"
import { linkAction } from "./actions"
export default async function LoginPage() {
  return <LinkSignInForm action={linkAction} state={await linkAction()} />
}
