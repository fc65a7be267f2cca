export function freePort(): number
