export function HiddenFields({
  intent,
  callbackUrl,
}: {
  intent: string
  callbackUrl: string
}) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
    </>
  )
}
