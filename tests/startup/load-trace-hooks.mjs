// Module hooks (they run off the main thread): record each ES module's URL.
import fs from 'node:fs'

let prefix = ''

export function initialize(data) {
  prefix = data?.prefix ?? ''
}

export async function load(url, context, next) {
  fs.appendFileSync(process.env.GALLEY_TRACE_FILE, `${prefix}${url}\n`)
  return next(url, context)
}
