/**
 * What the `link-simulator` command does, as a function: read PORT and HOST, start the simulator
 * (every other option comes from the environment), print where it listens.
 * @module
 */
import { DEV_CLIENT_ID } from "./oauth/clients.js"
import { startSimulator, type RunningSimulator } from "./server.js"

/** The CLI's port when PORT is not set. */
export const DEFAULT_CLI_PORT = 4010

function port(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_CLI_PORT
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new TypeError(
      `PORT must be a whole number from 0 to 65535, got ${JSON.stringify(value)}`
    )
  }
  return n
}

/**
 * Starts the simulator as the CLI does and prints its URLs through `log`.
 * @example const running = await runCli({ PORT: "0" }, console.log)
 */
export async function runCli(
  env: Record<string, string | undefined>,
  log: (line: string) => void
): Promise<RunningSimulator> {
  const running = await startSimulator({
    port: port(env.PORT),
    hostname: env.HOST || "127.0.0.1",
    env,
    log,
  })
  const { config, state } = running.simulator
  log(`Link simulator listening on ${running.url}`)
  log(`  API URL (AUTH_LINK_API_URL): ${running.apiUrl}`)
  log(
    `  OAuth (AUTH_LINK_OAUTH_URL, AUTH_LINK_OAUTH_API_URL): ${running.oauthUrl}`
  )
  const dev = state.oauthClients.get(DEV_CLIENT_ID)
  if (dev)
    log(
      `  OAuth dev client: ${dev.clientId} / ${dev.clientSecret}, any pk_test_ key, callbacks on localhost or 127.0.0.1`
    )
  if (config.devPages)
    log(`  Outbox (codes "sent" by SMS): ${running.url}/__dev`)
  log(
    `  Control API: ${config.control ? `${running.url}/__control` : "off (LINK_SIM_CONTROL=0)"}`
  )
  log(
    `  People on Link: ${state.people
      .list()
      .map((p) => p.email)
      .join(", ")}`
  )
  return running
}
