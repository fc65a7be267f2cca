/**
 * The outbox for people running the demo: `GET /__dev` (HTML, with the OAuth grants beside the
 * codes) and `GET /__dev/outbox` (JSON).
 * @module
 */
import { Hono } from "hono"
import type { SimulatorEnv } from "./fault-middleware.js"
import { escapeHtml, htmlResponse, page } from "./html.js"
import { grantsSection } from "./oauth/dev-grants.js"
import { redactPhone } from "./people.js"
import type { SimulatorState } from "./state.js"

/** How many messages the HTML page lists. */
export const DEV_PAGE_LIMIT = 50

// Two panels side by side where they fit. A panel too narrow for its table (a phone) shows each
// row as a block of labelled lines; the column headers stay for screen readers.
const DEV_STYLE = `html body{max-width:76rem}
.panels{display:grid;gap:0 2.5rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr))}
.panels section{container-type:inline-size;min-width:0}
td{overflow-wrap:break-word}.status-revoked,.status-expired{color:#a00000}
@container (max-width:36rem){table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
table.stack tr{display:flex;flex-direction:column;border-bottom:1px solid #ccc;padding:.35rem 0}
table.stack td.code{order:-1;font-size:1.5rem}
table.stack td{display:flex;gap:.75rem;border:0;padding:.1rem 0}
table.stack td::before{content:attr(data-label);font:600 1rem system-ui,sans-serif;letter-spacing:0;color:#1a1a1a;min-width:6rem}
table.stack caption{text-align:left}}`

/** Creates the `/__dev` routes. */
export function createDevPages(state: SimulatorState): Hono<SimulatorEnv> {
  const app = new Hono<SimulatorEnv>()

  app.get("/outbox", (c) => {
    const email = c.req.query("email")
    return c.json(
      { messages: state.outbox.list(email === "" ? undefined : email) },
      200,
      { "cache-control": "no-store" }
    )
  })

  app.get("/", (c) => {
    const email = c.req.query("email") ?? ""
    const refresh = Number(c.req.query("refresh") ?? "0")
    const seconds =
      Number.isInteger(refresh) && refresh >= 2 && refresh <= 60 ? refresh : 0
    const messages = state.outbox
      .list(email || undefined)
      .slice(0, DEV_PAGE_LIMIT)
    const rows = messages
      .map(
        (
          m
        ) => `<tr><td data-label="Sent"><time datetime="${escapeHtml(m.sentAt)}">${escapeHtml(m.sentAt.replace("T", " ").slice(0, 19))} UTC</time></td>
<td data-label="Email">${escapeHtml(m.email)}</td><td data-label="Phone">${escapeHtml(redactPhone(m.phone))}</td><td data-label="Code" class="code">${escapeHtml(m.code)}</td></tr>`
      )
      .join("\n")
    const people = state.people
      .list()
      .map(
        (p) =>
          `<li>${escapeHtml(p.email)}${p.fullName ? ` (${escapeHtml(p.fullName)})` : ""}</li>`
      )
      .join("")
    const query = new URLSearchParams({
      ...(email ? { email } : {}),
      ...(seconds ? { refresh: String(seconds) } : {}),
    })
    const self = `/__dev${query.size ? `?${query}` : ""}`
    const body = `<h1>Link simulator outbox</h1>
<p>Every code the simulator "sends" by SMS appears here, newest first.
<a href="${escapeHtml(self)}">Refresh</a>${seconds ? ` (this page refreshes every ${seconds} seconds)` : ""}.</p>
<form method="get" action="/__dev">
<label for="email">Show codes for one email</label>
<input id="email" name="email" type="email" value="${escapeHtml(email)}" autocomplete="email">
<button type="submit">Filter</button>
</form>
<div class="panels">
<section aria-labelledby="codes-title">
<h2 id="codes-title">Codes sent</h2>
${
  messages.length
    ? `<table class="stack"><caption>Newest first${email ? `, to ${escapeHtml(email)}` : ""}</caption>
<thead><tr><th scope="col">Sent</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">Code</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : `<p>No codes sent yet${email ? ` to ${escapeHtml(email)}` : ""}.</p>`
}
</section>
${grantsSection(state, email)}
</div>
<h2>People on Link</h2>
<ul>${people}</ul>
<p>As JSON: <a href="/__dev/outbox">/__dev/outbox</a>, <a href="/__control/oauth/grants">/__control/oauth/grants</a>.</p>`
    return htmlResponse(
      page(
        "Link simulator outbox",
        body,
        `${seconds ? `<meta http-equiv="refresh" content="${seconds}">\n` : ""}<style>${DEV_STYLE}</style>\n`
      )
    )
  })

  return app
}
