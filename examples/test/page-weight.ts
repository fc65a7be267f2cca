/**
 * The JavaScript a browser downloads for a page, as bench figure 4 counts it: every external
 * script of the server-rendered HTML, fetched with the Accept-Encoding a browser sends, in bytes on
 * the wire (Next.js's `next start` compresses with gzip).
 */
import { get } from "node:http"
import { brotliDecompressSync, gunzipSync } from "node:zlib"

const ACCEPT = "gzip, deflate, br, zstd"

export interface PageWeight {
  path: string
  /** Bytes on the wire of every script the page loads. */
  jsWire: number
  scripts: { src: string; wire: number }[]
}

/** The `src` of every `<script src>` of a page, as absolute URLs, once each. */
function scriptSources(html: string, base: string): string[] {
  const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map(
    (m) => new URL(m[1]!.replaceAll("&amp;", "&"), base).href
  )
  return [...new Set(sources)]
}

/** GET `url` with a browser's Accept-Encoding: the status, encoding and bytes as sent. */
function download(url: string) {
  return new Promise<{ status: number; encoding: string; body: Buffer }>(
    (resolve, reject) => {
      get(url, { headers: { "accept-encoding": ACCEPT } }, (response) => {
        const chunks: Buffer[] = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            encoding: String(
              response.headers["content-encoding"] ?? "identity"
            ),
            body: Buffer.concat(chunks),
          })
        )
        response.on("error", reject)
      }).on("error", reject)
    }
  )
}

/** The scripts of `path` and their weight on the wire. */
export async function pageWeight(
  baseURL: string,
  path: string
): Promise<PageWeight> {
  const page = await download(new URL(path, baseURL).href)
  if (page.status !== 200) throw new Error(`GET ${path}: HTTP ${page.status}`)
  const html = (
    page.encoding === "gzip"
      ? gunzipSync(page.body)
      : page.encoding === "br"
        ? brotliDecompressSync(page.body)
        : page.body
  ).toString("utf8")
  const scripts = []
  for (const src of scriptSources(html, baseURL)) {
    const script = await download(src)
    if (script.status !== 200)
      throw new Error(`GET ${src}: HTTP ${script.status}`)
    scripts.push({ src: new URL(src).pathname, wire: script.body.length })
  }
  return { path, jsWire: scripts.reduce((n, s) => n + s.wire, 0), scripts }
}
