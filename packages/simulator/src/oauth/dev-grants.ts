/**
 * The OAuth grants as the `/__dev` page shows them beside the outbox: who signed in to which
 * client, with which scopes, and whether the grant still works. No token is shown.
 * @module
 */
import { escapeHtml } from "../html.js"
import type { SimulatorState } from "../state.js"
import { grantView } from "./control.js"

/** How many grants the page lists. */
export const DEV_GRANTS_LIMIT = 50

/** The grants section of the dev page, newest first, optionally only one email's. */
export function grantsSection(state: SimulatorState, email: string): string {
  const now = state.clock.now()
  const wanted = email.trim().toLowerCase()
  const grants = state.oauth
    .grants()
    .filter((g) => !wanted || g.email === wanted)
    .reverse()
    .slice(0, DEV_GRANTS_LIMIT)
    .map((g) => grantView(g, now))
  const rows = grants
    .map(
      (
        g
      ) => `<tr><td data-label="Signed in"><time datetime="${escapeHtml(g.createdAt)}">${escapeHtml(g.createdAt.replace("T", " ").slice(0, 19))} UTC</time></td>
<td data-label="Email">${escapeHtml(g.email)}</td><td data-label="Client">${escapeHtml(g.clientId)}</td>
<td data-label="Scope">${escapeHtml(g.scope.join(" "))}</td><td data-label="Refreshed">${g.refreshes}</td>
<td data-label="Status" class="status-${g.status}">${g.status}</td></tr>`
    )
    .join("\n")
  return `<section aria-labelledby="grants-title">
<h2 id="grants-title">OAuth grants</h2>
<p>Sign-ins through the hosted page (<code>/oauth/auth</code>) that a client exchanged for tokens, newest first.</p>
${
  grants.length
    ? `<table class="stack"><caption>Newest first${wanted ? `, of ${escapeHtml(wanted)}` : ""}</caption>
<thead><tr><th scope="col">Signed in</th><th scope="col">Email</th><th scope="col">Client</th><th scope="col">Scope</th><th scope="col">Refreshed</th><th scope="col">Status</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : `<p>No OAuth grants yet${wanted ? ` for ${escapeHtml(wanted)}` : ""}.</p>`
}
</section>`
}
