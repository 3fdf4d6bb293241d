/**
 * The check of a MECA package, read back from the zip's bytes: manifest.xml
 * and transfer.xml valid against the MECA 1.0 DTDs (in-process, with the
 * copies in schemas/meca), and a manifest naming every other entry once and
 * no entry the zip lacks. Any finding is a Galley bug, never the author's.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { unzipSync } from 'fflate'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { fromXml } from 'xast-util-from-xml'
import { error } from '../diagnostics/messages.ts'
import { useLocalDtds, validateWithDtd } from '../jats/validate.ts'
import { MANIFEST_DOCTYPE, MANIFEST_PATH } from './manifest.ts'
import { TRANSFER_DOCTYPE, TRANSFER_PATH } from './transfer.ts'

/** Two levels up from src/meca/ and from dist/meca/ alike. */
export const MECA_DTD_DIR = fileURLToPath(new URL('../../schemas/meca/', import.meta.url))

const DTD_FILES: Record<string, string> = {
  [MANIFEST_DOCTYPE.system!]: 'manifest-1.0.dtd',
  [TRANSFER_DOCTYPE.system!]: 'transfer-1.0.dtd',
}

useLocalDtds('meca', (url) => (Object.hasOwn(DTD_FILES, url) ? path.join(MECA_DTD_DIR, DTD_FILES[url]) : undefined))

const BUG = '(this is a Galley bug: please report it with the manuscript)'

export function mecaFindings(zip: Uint8Array, displayPath: string): VFile {
  const file = new VFile({ path: displayPath })
  const fail = (reason: string) => error(file, `Generated MECA package ${reason} ${BUG}`, undefined, 'meca-invalid')
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(zip)
  } catch (cause) {
    fail(`is not a readable zip: ${(cause as Error).message}`)
    return file
  }
  const text = (name: string) => new TextDecoder().decode(entries[name])
  for (const name of [MANIFEST_PATH, TRANSFER_PATH]) {
    if (!Object.hasOwn(entries, name)) {
      fail(`has no ${name} at its root`)
      continue
    }
    for (const problem of validateWithDtd(text(name), `${displayPath}/${name}`)) {
      fail(`has a ${name} that is not valid against the MECA 1.0 DTD: ${problem.message} (${name} line ${problem.line})`)
    }
  }
  if (!Object.hasOwn(entries, MANIFEST_PATH)) return file
  let listed: string[]
  try {
    listed = listedPaths(text(MANIFEST_PATH))
  } catch (cause) {
    fail(`has a manifest.xml that cannot be read: ${(cause as Error).message}`)
    return file
  }
  for (const name of Object.keys(entries).filter((name) => name !== MANIFEST_PATH)) {
    const times = listed.filter((listedName) => listedName === name).length
    if (times !== 1) fail(`lists ${name} ${times === 0 ? 'nowhere in' : `${times} times in`} its manifest`)
  }
  for (const name of new Set(listed)) {
    if (!Object.hasOwn(entries, name)) fail(`has a manifest naming ${name}, which is not in the zip`)
  }
  return file
}

/** The zip paths the manifest's instances point at. */
function listedPaths(manifest: string): string[] {
  const paths: string[] = []
  visit(fromXml(manifest), 'element', (node) => {
    const href = node.name === 'instance' ? node.attributes['xlink:href'] : undefined
    if (typeof href === 'string') paths.push(href.split('/').map((segment) => decodeURIComponent(segment)).join('/'))
  })
  return paths
}
