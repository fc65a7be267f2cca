// The Link simulator for the end-to-end tests, on 127.0.0.1:$PORT, quiet, with its control API.
import { startSimulator } from "../packages/simulator/dist/index.js"

const link = await startSimulator({
  port: Number(process.env.PORT ?? 0),
  hostname: "127.0.0.1",
  quiet: true,
  control: true,
})
console.log(`Link simulator on ${link.url}`)

const stop = () => void link.close().then(() => process.exit(0))
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
