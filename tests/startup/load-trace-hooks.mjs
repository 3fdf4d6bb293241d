// Module hooks (they run off the main thread): record each ES module's URL.
import fs from 'node:fs'

export async function load(url, context, next) {
  fs.appendFileSync(process.env.GALLEY_TRACE_FILE, `${url}\n`)
  return next(url, context)
}
