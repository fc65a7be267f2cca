import type { LinkSignInIntent } from "./state.js"

/** The step a form asks for, and where to go after signing in (checked again on the server). */
export function HiddenFields({
  intent,
  callbackUrl,
}: {
  intent: LinkSignInIntent
  callbackUrl: string
}) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      {callbackUrl ? (
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
      ) : null}
    </>
  )
}
