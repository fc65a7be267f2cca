import { authClient } from "./auth-client.ts"

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={async () => {
        await authClient.signOut()
        location.assign("/")
      }}
    >
      Sign out
    </button>
  )
}
