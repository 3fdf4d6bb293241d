// `node --import ./load-trace.mjs …`: appends every module the process loaded
// (ES modules as they load, CommonJS ones at exit) to $GALLEY_TRACE_FILE, one
// URL or path a line. A worker thread inherits the --import: its lines start
// with "worker ".
import fs from 'node:fs'
import { createRequire, register } from 'node:module'
import { isMainThread } from 'node:worker_threads'

const out = process.env.GALLEY_TRACE_FILE
const prefix = isMainThread ? '' : 'worker '
register(new URL('./load-trace-hooks.mjs', import.meta.url), { data: { prefix } })
process.on('exit', () => {
  fs.appendFileSync(out, Object.keys(createRequire(import.meta.url).cache).map((file) => `${prefix}${file}\n`).join(''))
})
