import type { LinkSignInClassNames } from "./parts.js"
import { partClass } from "./parts.js"

/** "Link" as a word mark. */
export function LinkMark({
  classNames,
}: {
  classNames: LinkSignInClassNames | undefined
}) {
  return <span className={partClass("mark", classNames)}>Link</span>
}
