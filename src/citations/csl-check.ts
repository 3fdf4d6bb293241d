/**
 * Checks a template's CSL files before anything is formatted with them, so a
 * broken style is reported against the template.yaml line that names it
 * rather than as a crash, or silently odd output, from the CSL processor.
 */
import { createHash } from 'node:crypto'
import { Cite, plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { VFileMessage } from 'vfile-message'
import type { Root as XastRoot } from 'xast'
import { fromXml } from 'xast-util-from-xml'

interface Registry { add(name: string, xml: string): void; delete(name: string): void; has(name: string): boolean; list(): string[] }
const config = plugins.config.get('@csl') as { styles: Registry }
const CSL_NS = 'http://purl.org/net/xbiblio/csl'

/** Style names citation-js knows without a file (vancouver, apa, harvard1). */
export function knownStyles(): string[] {
  return config.styles.list().filter((name) => !name.startsWith('file:'))
}

/** Why `xml` is not a usable CSL style or locale, or undefined when it is. */
export function cslProblem(xml: string, kind: 'style' | 'locale'): string | undefined {
  const root = rootOf(xml)
  if (typeof root === 'string') return root
  if (root.name !== kind || root.namespace !== CSL_NS) return `not a CSL ${kind} (no <${kind} xmlns="${CSL_NS}"> root)`
  return kind === 'style' ? processorProblem(xml) : undefined
}

/**
 * The root element's name and namespace, or why the text is not XML. A JavaScript parser,
 * not libxml2: a build without JATS then never compiles libxml2's WebAssembly.
 */
function rootOf(xml: string): { name: string; namespace: string } | string {
  let tree: XastRoot
  try {
    tree = fromXml(xml)
  } catch (cause) {
    const message = cause as VFileMessage
    const why = String((message.cause as Error | undefined)?.message ?? message.reason).split('\n')[0].replace(/ \(line \d+, column \d+\)$/, '')
    return `not well-formed XML (line ${message.line ?? '?'}: ${why})`
  }
  const root = tree.children.find((node) => node.type === 'element')!
  const [prefix, local] = root.name.includes(':') ? root.name.split(':', 2) : [undefined, root.name]
  return { name: local, namespace: String(root.attributes[prefix ? `xmlns:${prefix}` : 'xmlns'] ?? '') }
}

/**
 * The name a style file's content is registered under. citation-js keeps an
 * engine per style name (and locale), so one name per content: an edited
 * file gets a new engine, and the engine built to check a style is the one
 * its references are then formatted with (building one costs ≈50 ms).
 */
export function fileStyleName(xml: string): string {
  return `file:${createHash('sha1').update(xml).digest('hex').slice(0, 12)}`
}

/** Verdicts by content hash: watch mode checks the same style on every rebuild. */
const verdicts = new Map<string, string | undefined>()

/** The processor is the judge of a style: format one made-up work with it. A usable style stays registered under `fileStyleName`. */
function processorProblem(xml: string): string | undefined {
  const name = fileStyleName(xml)
  if (verdicts.has(name)) return verdicts.get(name)
  if (!config.styles.has(name)) config.styles.add(name, xml)
  let verdict: string | undefined
  try {
    new Cite([{ id: 'check', type: 'article-journal', title: 'Check', author: [{ family: 'Check', given: 'C.' }], issued: { 'date-parts': [[2000]] } }])
      .format('bibliography', { format: 'html', template: name, lang: 'en-US' })
  } catch (cause) {
    verdict = `the CSL processor cannot use it: ${String((cause as Error).message ?? cause).split('\n')[0]}`
    config.styles.delete(name)
  }
  verdicts.set(name, verdict)
  return verdict
}
