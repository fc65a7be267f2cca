/** "Link" as a word mark, in Link's green. */
export function LinkMark() {
  return <span className="link-mark">Link</span>
}
