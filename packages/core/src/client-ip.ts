/**
 * The client IP: where it comes from (an explicit {@link ClientIpSource}, nothing trusted by
 * default), how an address is read (IPv4, IPv6 in every written form, brackets, ports, zone ids),
 * and the key per-IP limits count under (IPv6 by network prefix, /64 by default, since one
 * subscriber or server usually holds a whole /64).
 *
 * @module
 */

/**
 * Where the client IP comes from, given the request: a header set by a proxy you run, the
 * platform's own field, a socket address. Return `undefined` when it is not known; the per-IP
 * limits then do not apply, the deployment-wide ones do.
 */
export type ClientIpSource = (request: Request) => string | undefined

/** An address, as {@link parseIp} reads it. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is IPv4. */
export type ParsedIp =
  { version: 4; bytes: Uint8Array } | { version: 6; bytes: Uint8Array }

/** The default IPv6 prefix length that per-IP limits count under. */
export const DEFAULT_IPV6_SUBNET = 64

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/
const HEX_GROUP = /^[0-9a-f]{1,4}$/i

function parseIpv4(text: string): Uint8Array | undefined {
  const match = IPV4.exec(text)
  if (!match) return undefined
  const bytes = new Uint8Array(4)
  for (let i = 0; i < 4; i++) {
    const part = match[i + 1]!
    // A leading zero is octal to some parsers and decimal to others: refuse it.
    if (part.length > 1 && part.startsWith("0")) return undefined
    const value = Number(part)
    if (value > 255) return undefined
    bytes[i] = value
  }
  return bytes
}

/** The 16-bit groups of one side of `::`, the last of which may be dotted IPv4. */
function groupsOf(side: string, last: boolean): number[] | undefined {
  if (side === "") return []
  const parts = side.split(":")
  const groups: number[] = []
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (last && i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part)
      if (!v4) return undefined
      groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!)
    } else if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16))
    } else {
      return undefined
    }
  }
  return groups
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split("::")
  if (halves.length > 2) return undefined
  let groups: number[]
  if (halves.length === 2) {
    const head = groupsOf(halves[0]!, false)
    const tail = groupsOf(halves[1]!, true)
    if (!head || !tail || head.length + tail.length > 7) return undefined
    groups = [
      ...head,
      ...new Array<number>(8 - head.length - tail.length).fill(0),
      ...tail,
    ]
  } else {
    const all = groupsOf(text, true)
    if (!all || all.length !== 8) return undefined
    groups = all
  }
  const bytes = new Uint8Array(16)
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8
    bytes[2 * i + 1] = group & 0xff
  })
  return bytes
}

const isMappedIpv4 = (bytes: Uint8Array) =>
  bytes.subarray(0, 10).every((b) => b === 0) &&
  bytes[10] === 0xff &&
  bytes[11] === 0xff

/**
 * Read an IP address as proxies and sockets write it: `203.0.113.7`, `203.0.113.7:4711`,
 * `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:4711`, `fe80::1%eth0`, `::ffff:203.0.113.7`.
 * Anything else (a host name, `unknown`, a list, octal-looking IPv4) is `undefined`.
 */
export function parseIp(input: unknown): ParsedIp | undefined {
  if (typeof input !== "string" || input.length > 100) return undefined
  let text = input.trim()
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text)
  if (bracketed) text = bracketed[1]!
  else if (/^[\d.]+:\d{1,5}$/.test(text))
    text = text.slice(0, text.indexOf(":"))
  // A zone id (`%eth0`) names a local interface, not another client.
  const zone = text.indexOf("%")
  if (zone !== -1) {
    if (!/^[\w.-]{1,32}$/.test(text.slice(zone + 1))) return undefined
    text = text.slice(0, zone)
  }
  const v4 = parseIpv4(text)
  if (v4) return { version: 4, bytes: v4 }
  if (!text.includes(":")) return undefined
  const v6 = parseIpv6(text)
  if (!v6) return undefined
  if (isMappedIpv4(v6)) return { version: 4, bytes: v6.slice(12) }
  return { version: 6, bytes: v6 }
}

/** The RFC 5952 text of 16 bytes: lower case, no leading zeros, the longest zero run as `::`. */
function formatIpv6(bytes: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) =>
    ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16)
  )
  let best = -1
  let bestLength = 1 // a single zero group is not shortened
  for (let i = 0; i < 8;) {
    if (groups[i] !== "0") {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === "0") j++
    if (j - i > bestLength) {
      best = i
      bestLength = j - i
    }
    i = j
  }
  if (best === -1) return groups.join(":")
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLength).join(":")}`
}

/** The address in its one canonical text (IPv4 dotted, IPv6 per RFC 5952, mapped IPv4 as IPv4). */
export function formatIp(ip: ParsedIp): string {
  return ip.version === 4 ? ip.bytes.join(".") : formatIpv6(ip.bytes)
}

/**
 * What per-IP limits count under: an IPv4 address as is, an IPv6 address by its first
 * `ipv6Subnet` bits (`2001:db8:1:2::/64`), since a single subscriber or server is usually given a
 * whole /64 and can pick any address in it. `undefined` when the text is not an IP address.
 */
export function ipLimitKey(
  input: unknown,
  ipv6Subnet: number = DEFAULT_IPV6_SUBNET
): string | undefined {
  const ip = parseIp(input)
  if (!ip) return undefined
  if (ip.version === 4) return formatIp(ip)
  const bytes = ip.bytes.slice()
  for (let bit = ipv6Subnet; bit < 128; bit++) {
    bytes[bit >> 3]! &= ~(0x80 >> (bit & 7))
  }
  return `${formatIpv6(bytes)}/${ipv6Subnet}`
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]{1,64}$/i

function checkHeaderName(helper: string, name: unknown): string {
  if (typeof name !== "string" || !TOKEN.test(name)) {
    throw new TypeError(`${helper}: expected a header name`)
  }
  return name.toLowerCase()
}

/**
 * The client IP from a header that a proxy or platform you run *sets* to the one address it saw,
 * replacing whatever the client sent: `x-real-ip` on Vercel or with nginx's
 * `proxy_set_header X-Real-IP $remote_addr`, `cf-connecting-ip` behind Cloudflare,
 * `fly-client-ip` on Fly.io. Only when every request passes through that proxy: otherwise a client
 * writes the header itself. A value that is not one IP address gives `undefined`.
 *
 * @example
 * ```ts
 * LoginWithLink({ clientIp: clientIpFromHeader("x-real-ip") })
 * ```
 */
export function clientIpFromHeader(name: string): ClientIpSource {
  const header = checkHeaderName("clientIpFromHeader", name)
  if (header === "x-forwarded-for" || header === "forwarded") {
    throw new TypeError(
      `clientIpFromHeader: "${name}" is a list that clients can write into; use clientIpFromForwardedFor({ hops }) instead`
    )
  }
  return (request) => {
    const value = request.headers.get(header)
    const ip = value === null ? undefined : parseIp(value)
    return ip && formatIp(ip)
  }
}

/** Options of {@link clientIpFromForwardedFor}. */
export interface ClientIpFromForwardedForOptions {
  /**
   * How many proxies you run in front of the app that each append to the header. The client IP
   * is the entry the outermost of them appended: the `hops`-th from the right. Entries further
   * left were written by the client and are never read.
   */
  hops: number
  /** The header. @default "x-forwarded-for" */
  header?: string
}

/**
 * The client IP from `X-Forwarded-For` as proxies that *append* to it write it: the `hops`-th
 * entry from the right, the one your outermost proxy added (with one proxy, the right-most).
 * Fewer entries than `hops` (a request that did not come through all of them) gives `undefined`.
 *
 * @example
 * ```ts
 * // one nginx (proxy_add_x_forwarded_for) or load balancer in front of the app
 * LoginWithLink({ clientIp: clientIpFromForwardedFor({ hops: 1 }) })
 * ```
 */
export function clientIpFromForwardedFor(
  options: ClientIpFromForwardedForOptions
): ClientIpSource {
  const hops = (options as Partial<ClientIpFromForwardedForOptions> | undefined)
    ?.hops
  if (
    typeof hops !== "number" ||
    !Number.isInteger(hops) ||
    hops < 1 ||
    hops > 20
  ) {
    throw new TypeError(
      "clientIpFromForwardedFor: hops must be the number of proxies you run in front of the app (1 to 20)"
    )
  }
  const header = checkHeaderName(
    "clientIpFromForwardedFor",
    options.header ?? "x-forwarded-for"
  )
  return (request) => {
    // Several header lines arrive joined with ", ", in order: the right-most entry is the last.
    const entries = request.headers.get(header)?.split(",")
    if (!entries || entries.length < hops) return undefined
    const ip = parseIp(entries[entries.length - hops])
    return ip && formatIp(ip)
  }
}
