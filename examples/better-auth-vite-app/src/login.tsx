import { LinkSignInForm } from "@login-with-link/react"
import { linkClientAction } from "@login-with-link/better-auth/client"
import { authClient } from "./auth-client"
const action = linkClientAction(authClient)
export const Login = () => <LinkSignInForm action={action} />
