// Runs once when the server starts: Better Auth's tables are created or brought up to date with
// its own migrations, before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getMigrations } = await import("better-auth/db/migration")
    const { auth } = await import("@/lib/auth")
    const { runMigrations } = await getMigrations(auth.options)
    await runMigrations()
  }
}
