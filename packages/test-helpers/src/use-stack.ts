/**
 * Vitest hooks for servers a test file shares: start once before its tests, stop after them, and
 * hand the tests the running thing through a handle that is usable as soon as `beforeAll` ran.
 * Replaces the `let x; beforeAll(async () => { x = await start() }); afterAll(() => x.close())`
 * every server test repeated.
 *
 * @module
 */
import {
  startSimulator,
  type RunningSimulator,
  type StartOptions,
} from "@login-with-link/simulator"
import { afterAll, beforeAll, beforeEach } from "vitest"

/** What {@link useStack} needs to stop what it started. */
export interface Closable {
  close(): Promise<void> | void
}

/** Options of {@link useStack}. */
export interface UseStackOptions<T> {
  /** Runs after the file's tests, before `close()` (e.g. to assert nothing was logged). */
  after?: (stack: T) => void | Promise<void>
  /** Runs before each test (e.g. a reset). */
  beforeEach?: (stack: T) => void | Promise<void>
}

/**
 * Starts `start()` in `beforeAll` and closes it in `afterAll`; the returned object reads through
 * to what was started (property reads before `beforeAll` ran throw a clear error).
 * @example
 * const stack = useStack(() => startStack(), {
 *   after: (s) => expect(s.errors).toEqual([]),
 * })
 * test("discovery", async () => {
 *   await fetch(`${stack.login.url}/.well-known/openid-configuration`)
 * })
 */
export function useStack<T extends Closable>(
  start: () => Promise<T>,
  options: UseStackOptions<T> = {}
): T {
  let current: T | undefined
  beforeAll(async () => {
    current = await start()
  })
  afterAll(async () => {
    if (!current) return
    const stack = current
    current = undefined
    try {
      await options.after?.(stack)
    } finally {
      await stack.close()
    }
  })
  if (options.beforeEach) {
    const each = options.beforeEach
    beforeEach(() => each(started()))
  }
  const started = (): T => {
    if (!current)
      throw new Error(
        "useStack(): not started yet. It starts in beforeAll: read it inside a test or a hook."
      )
    return current
  }
  return new Proxy({} as T, {
    get(_, property) {
      const value = Reflect.get(started(), property) as unknown
      return typeof value === "function" ? value.bind(started()) : value
    },
    has: (_, property) => Reflect.has(started(), property),
  })
}

/** Options of {@link useSimulator}: the simulator's own, plus `reset`. */
export interface UseSimulatorOptions extends StartOptions {
  /** Reset the simulator (people, sessions, outbox, faults, clock) before each test. @default true */
  reset?: boolean
}

/**
 * The Link simulator on a free 127.0.0.1 port for the file's tests (quiet, no environment read),
 * reset before each test unless `reset: false`, stopped after them.
 * @example
 * const link = useSimulator()
 * test("a lookup", async () => {
 *   await fetch(`${link.apiUrl}/lookup-email?email=jo%40example.com&STRIPE_PUBLIC_KEY=pk_test_x`)
 * })
 */
export function useSimulator(
  options: UseSimulatorOptions = {}
): RunningSimulator {
  const { reset = true, ...start } = options
  return useStack(
    () =>
      startSimulator({
        port: 0,
        hostname: "127.0.0.1",
        quiet: true,
        env: {},
        ...start,
      }),
    reset ? { beforeEach: (link) => link.simulator.reset() } : {}
  )
}
