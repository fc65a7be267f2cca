// A free TCP port on 127.0.0.1, found synchronously (the Playwright config is synchronous):
// a child process binds port 0, prints what it got and exits.
import { execFileSync } from "node:child_process"

const PROGRAM =
  "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"

export function freePort() {
  return Number(
    execFileSync(process.execPath, ["-e", PROGRAM], { encoding: "utf8" })
  )
}
