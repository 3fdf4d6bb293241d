/**
 * The validator thread (see ./validate-thread.ts): compiles libxml2 and loads
 * the JATS DTD as soon as it starts, while the main thread is still loading
 * modules and preparing the manuscript, then validates each document it is
 * sent with the same `validateJats` as in-process validation.
 */
import { parentPort } from 'node:worker_threads'
import { JATS_DOCTYPE } from './doctype.ts'
import { keepWasmInBaselineTier } from './wasm-tiering.ts'

export interface ValidateRequest {
  id: number
  xml: string
  url: string
}

// Before libxml2's module compiles, hence the dynamic import below (why: ./wasm-tiering.ts).
keepWasmInBaselineTier()
const { loadDtd, validateJats } = await import('./validate.ts')

loadDtd(JATS_DOCTYPE.system!)
parentPort!.on('message', ({ id, xml, url }: ValidateRequest) => {
  parentPort!.postMessage({ id, problems: validateJats(xml, url) })
})
