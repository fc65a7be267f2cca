/**
 * Everything the simulator remembers, in one object that tests can read and reset.
 * @module
 */
import { createClock, type SimulatorClock } from "./clock.js"
import type { SimulatorConfig } from "./config.js"
import { createFaults, ROUTES, type Faults, type RouteName } from "./faults.js"
import {
  createBudget,
  createSendCap,
  type Budget,
  type SendCap,
} from "./limits.js"
import { createClientRegistry, type ClientRegistry } from "./oauth/clients.js"
import { createOAuthStore, type OAuthStore } from "./oauth/store.js"
import { createOutbox, type Outbox } from "./outbox.js"
import { createRecent } from "./recent.js"
import {
  createPeopleStore,
  createSessionStore,
  type PeopleStore,
  type SessionStore,
} from "./store.js"

/** Calls per API route since the last reset (what benchmarks count per sign-in). */
export interface Stats {
  calls: Record<RouteName, number>
  /** SMS codes sent. */
  sends: number
}

/**
 * Every client secret and code handed out since the simulator started, newest last, at most
 * {@link ISSUED_LIMIT} of each. A reset does not clear it: tests that check a client never shows
 * or logs a secret need the whole run's, even when a test in between reset the simulator.
 */
export interface Issued {
  /** A copy, oldest first. */
  readonly clientSecrets: string[]
  /** A copy, oldest first. */
  readonly codes: string[]
  /** OAuth authorization codes, access and refresh tokens: a copy, oldest first. */
  readonly oauthTokens: string[]
}

/** How many client secrets (and codes) {@link Issued} keeps. */
export const ISSUED_LIMIT = 10_000

/** The simulator's state. */
export interface SimulatorState {
  readonly config: SimulatorConfig
  readonly clock: SimulatorClock
  readonly people: PeopleStore
  readonly sessions: SessionStore
  readonly outbox: Outbox
  readonly faults: Faults
  /** The registered OAuth clients (fixed at start). */
  readonly oauthClients: ClientRegistry
  /** Sign-ins on the hosted page, authorization codes, grants and tokens. */
  readonly oauth: OAuthStore
  readonly keyBudget: Budget
  readonly ipBudget: Budget
  readonly sendCap: SendCap
  readonly stats: Stats
  /** Everything handed out since start; not cleared by a reset. */
  readonly issued: Issued
  /** Releases of requests held by `hang` faults; called on reset and close. */
  readonly hangs: Set<() => void>
  /** Releases every request held by a `hang` fault. */
  releaseHangs(): void
  /** Back to the state at start: seeded people, no sessions, empty outbox, no faults, clock unmoved. */
  reset(): void
}

function emptyCalls(): Record<RouteName, number> {
  return Object.fromEntries(ROUTES.map((r) => [r, 0])) as Record<
    RouteName,
    number
  >
}

/** Creates the state for a configuration. */
export function createState(
  config: SimulatorConfig,
  onReset: () => void = () => {}
): SimulatorState {
  const stats: Stats = { calls: emptyCalls(), sends: 0 }
  const secretsIssued = createRecent<string>(ISSUED_LIMIT)
  const codesIssued = createRecent<string>(ISSUED_LIMIT)
  const oauthIssued = createRecent<string>(ISSUED_LIMIT)
  const issued: Issued = {
    get clientSecrets() {
      return secretsIssued.toArray()
    },
    get codes() {
      return codesIssued.toArray()
    },
    get oauthTokens() {
      return oauthIssued.toArray()
    },
  }
  const sessions = createSessionStore()
  const createSession = sessions.create.bind(sessions)
  sessions.create = (secret, session, now) => {
    secretsIssued.add(secret)
    createSession(secret, session, now)
  }
  const outbox = createOutbox()
  const addMessage = outbox.add.bind(outbox)
  outbox.add = (message) => {
    codesIssued.add(message.code)
    addMessage(message)
  }
  const state: SimulatorState = {
    config,
    clock: createClock(config.startAt),
    people: createPeopleStore(config.people),
    sessions,
    outbox,
    faults: createFaults(),
    oauthClients: createClientRegistry(config.oauthClients),
    oauth: createOAuthStore((value) => oauthIssued.add(value)),
    keyBudget: createBudget(config.requestsPerMinutePerKey),
    ipBudget: createBudget(config.requestsPerMinutePerIp),
    sendCap: createSendCap(config.maxSendsPerHour),
    stats,
    issued,
    hangs: new Set(),
    releaseHangs() {
      for (const release of state.hangs) release()
      state.hangs.clear()
    },
    reset() {
      state.releaseHangs()
      state.clock.reset()
      state.people.reset()
      state.sessions.clear()
      state.outbox.clear()
      state.faults.clear()
      state.oauth.clear()
      state.keyBudget.clear()
      state.ipBudget.clear()
      state.sendCap.clear()
      stats.calls = emptyCalls()
      stats.sends = 0
      onReset()
    },
  }
  return state
}
