export function addLoginWithLink() {
  throw new Error("packages/next/README.md is not there yet")
}
