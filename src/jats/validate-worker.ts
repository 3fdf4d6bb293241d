/**
 * The validator thread (see ./validate-thread.ts): compiles libxml2 and loads
 * the JATS DTD as soon as it starts, while the main thread is still loading
 * modules and preparing the manuscript, then validates each document it is
 * sent with the same `validateJats` as in-process validation.
 */
import v8 from 'node:v8'
import { parentPort } from 'node:worker_threads'
import { JATS_DOCTYPE } from './doctype.ts'

export interface ValidateRequest {
  id: number
  xml: string
  url: string
}

/**
 * libxml2 runs once or twice in this thread, and V8's TurboFan recompiling its
 * hot WebAssembly functions as the DTD loads (dynamic tier-up, on background
 * threads: the other core) cost more than it saved: about half of the DTD
 * load's CPU. A tiering budget some fifty times V8's default keeps those
 * functions in Liftoff's baseline code for a check; a process validating far
 * more (a very large document) still tiers up. Set before libxml2's module
 * compiles, hence the dynamic import below. The flag is process-wide: what
 * else in a check or a single build runs WebAssembly is the in-process
 * fallback of this same validation.
 */
v8.setFlagsFromString('--wasm-tiering-budget=100000000')
const { loadDtd, validateJats } = await import('./validate.ts')

loadDtd(JATS_DOCTYPE.system!)
parentPort!.on('message', ({ id, xml, url }: ValidateRequest) => {
  parentPort!.postMessage({ id, problems: validateJats(xml, url) })
})
