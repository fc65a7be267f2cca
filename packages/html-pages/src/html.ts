/**
 * What every part here returns: hono/html's escaped string, as Hono's `c.html()` takes it.
 * @module
 */
import type { HtmlEscapedString } from "hono/utils/html"

/** A piece of escaped HTML (hono/html's `html` template's result). */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>
