// `node --import ./load-trace.mjs …`: appends every module the process loaded
// (ES modules as they load, CommonJS ones at exit) to $GALLEY_TRACE_FILE.
import fs from 'node:fs'
import { createRequire, register } from 'node:module'

const out = process.env.GALLEY_TRACE_FILE
register(new URL('./load-trace-hooks.mjs', import.meta.url))
process.on('exit', () => {
  fs.appendFileSync(out, Object.keys(createRequire(import.meta.url).cache).map((file) => `${file}\n`).join(''))
})
