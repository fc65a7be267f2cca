/**
 * Just enough HTML and cookie handling to act like a browser without JavaScript: read the forms
 * of a page (with the hidden fields React renders for server actions), the scripts it loads, and
 * keep cookies between requests.
 * @module
 */

const ENTITIES = /** @type {Record<string, string>} */ ({
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
})

/**
 * Decodes the character references React writes in attribute values.
 * @param {string} text
 * @returns {string}
 */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, ref) => {
    const r = String(ref)
    if (r[0] === "#") {
      const code =
        r[1] === "x" || r[1] === "X"
          ? Number.parseInt(r.slice(2), 16)
          : Number.parseInt(r.slice(1), 10)
      return Number.isFinite(code) ? String.fromCodePoint(code) : match
    }
    return ENTITIES[r.toLowerCase()] ?? match
  })
}

/**
 * The attributes of one start tag, e.g. `<input type="hidden" name="a" value="b"/>`.
 * @param {string} tag
 * @returns {Record<string, string>}
 */
export function attributes(tag) {
  /** @type {Record<string, string>} */
  const out = {}
  const body = tag.replace(/^<[a-zA-Z0-9-]+/, "").replace(/\/?>$/, "")
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g
  for (const m of body.matchAll(re)) {
    const name = /** @type {string} */ (m[1]).toLowerCase()
    out[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "")
  }
  return out
}

/**
 * @typedef {object} Form
 * @property {Record<string, string>} attrs the form's attributes (action, method, enctype)
 * @property {[string, string][]} fields what a browser would submit without JavaScript:
 *   every named input (hidden ones included) with its value, in document order
 * @property {string[]} names the names of all its inputs, textareas and selects
 */

/**
 * The forms of a page.
 * @param {string} html
 * @returns {Form[]}
 */
export function parseForms(html) {
  /** @type {Form[]} */
  const forms = []
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const open = /** @type {string} */ (/^<form\b[^>]*>/i.exec(m[0])?.[0])
    /** @type {[string, string][]} */
    const fields = []
    /** @type {string[]} */
    const names = []
    for (const input of /** @type {string} */ (m[1]).matchAll(
      /<(input|textarea|select)\b[^>]*>/gi
    )) {
      const a = attributes(input[0])
      if (!a.name) continue
      names.push(a.name)
      const type = (a.type ?? "text").toLowerCase()
      if (["submit", "button", "image", "reset", "file"].includes(type))
        continue
      if ((type === "checkbox" || type === "radio") && !("checked" in a))
        continue
      fields.push([a.name, a.value ?? ""])
    }
    forms.push({ attrs: attributes(open), fields, names })
  }
  return forms
}

/**
 * The first form with an input named `name`, or throws saying what the page held instead.
 * @param {string} html
 * @param {string} name
 * @returns {Form}
 */
export function formWith(html, name) {
  const forms = parseForms(html)
  const form = forms.find((f) => f.names.includes(name))
  if (!form) {
    const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1]
    throw new Error(
      `no form with a field "${name}" in the page (title ${JSON.stringify(title)}; forms: ${JSON.stringify(forms.map((f) => f.names))})`
    )
  }
  return form
}

/**
 * The `src` of every external script of a page, resolved against `base`, without duplicates.
 * @param {string} html
 * @param {string} base
 * @returns {string[]}
 */
export function scriptSources(html, base) {
  /** @type {Set<string>} */
  const out = new Set()
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attributes(m[0]).src
    if (src) out.add(new URL(src, base).href)
  }
  return [...out]
}

/**
 * The total length of the inline scripts of a page (e.g. Next's RSC payload), in characters.
 * @param {string} html
 * @returns {number}
 */
export function inlineScriptLength(html) {
  let total = 0
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/.test(m[1] ?? "")) total += (m[2] ?? "").length
  }
  return total
}

/** Cookies of one origin: what a browser would send back. Attributes are ignored but expiry. */
export class CookieJar {
  /** @type {Map<string, string>} */
  #cookies = new Map()

  /**
   * Takes the `Set-Cookie` headers of a response.
   * @param {string | string[] | undefined} header
   */
  store(header) {
    if (!header) return
    for (const line of Array.isArray(header) ? header : [header]) {
      const [pair = "", ...attrs] = line.split(";")
      const eq = pair.indexOf("=")
      if (eq < 1) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some((a) => {
        const [k = "", v = ""] = a.split("=").map((s) => s.trim())
        if (k.toLowerCase() === "max-age") return Number(v) <= 0
        if (k.toLowerCase() === "expires") return Date.parse(v) <= Date.now()
        return false
      })
      if (expired || value === "") this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }

  /** @param {string} name */
  get(name) {
    return this.#cookies.get(name)
  }

  /** @param {string} name */
  has(name) {
    return this.#cookies.has(name)
  }

  clear() {
    this.#cookies.clear()
  }

  /** The `Cookie` request header, or undefined when empty. */
  header() {
    if (this.#cookies.size === 0) return undefined
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ")
  }
}

/**
 * A `multipart/form-data` body, as a browser sends a form with enctype multipart (what React
 * gives a form whose action is a server action).
 * @param {Iterable<[string, string]>} fields
 * @returns {{ body: string, contentType: string }}
 */
export function multipart(fields) {
  const boundary = `----benchFormBoundary${Math.random().toString(36).slice(2)}`
  let body = ""
  for (const [name, value] of fields) {
    const quoted = name.replace(/"/g, "%22").replace(/\r?\n/g, "%0A")
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${quoted}"\r\n\r\n${value}\r\n`
  }
  body += `--${boundary}--\r\n`
  return { body, contentType: `multipart/form-data; boundary=${boundary}` }
}
