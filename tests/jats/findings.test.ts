/**
 * DTD findings point at the Markdown that made the invalid XML: the
 * generated file's line goes into the message, the place is the manuscript's.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { x } from 'xastscript'
import { jatsFindings } from '../../src/jats/findings.ts'
import { serializeJats, toJats, type Handlers } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { makeArticle, meta } from './fixture.ts'

const MARKDOWN = '# Case\n\nFirst paragraph.\n\nA  *rash* on the palms.\n'

function findingsWith(handlers: Handlers) {
  const manuscript = new VFile({ path: 'manuscript/letter.md', value: MARKDOWN })
  const article = { ...makeArticle({ tree: parseMarkdown(manuscript).children }), file: manuscript }
  const root = toJats(article, { handlers })
  const xml = serializeJats(root)
  const generated = jatsFindings(xml, 'output/letter.xml', validateJats(xml, 'output/letter.xml'), { root, manuscript })
  const xmlLine = (needle: string) => xml.slice(0, xml.indexOf(needle)).split('\n').length
  return { manuscript, generated, xmlLine }
}

const summary = (file: VFile) => file.messages.map((message) => ({ line: message.line, column: message.column, rule: message.ruleId, fatal: message.fatal }))

describe('jatsFindings', () => {
  it('reports an element no DTD declares at the Markdown line it came from', () => {
    const { manuscript, generated, xmlLine } = findingsWith({
      emphasis: (state, node) => state.patch(node, x('rash-mark', {}, state.all(node))),
    })
    expect(generated.messages).toEqual([])
    expect(summary(manuscript)).toContainEqual({ line: 5, column: 4, rule: 'jats-invalid', fatal: true })
    const undeclared = manuscript.messages.find((message) => message.reason.includes('No declaration for element rash-mark'))!
    expect(undeclared.line).toBe(5)
    expect(undeclared.reason).toContain(`at output/letter.xml:${xmlLine('<rash-mark>')}:`)
    expect(manuscript.messages.every((message) => message.line === 5)).toBe(true)
  })

  it('falls back to the nearest element with a Markdown position when the culprit has none', () => {
    const { manuscript, generated } = findingsWith({
      // Not patched: the invalid element carries no position of its own.
      emphasis: (state, node) => x('rash-mark', {}, state.all(node)),
    })
    expect(generated.messages).toEqual([])
    expect(summary(manuscript)).toContainEqual({ line: 5, column: 1, rule: 'jats-invalid', fatal: true })
    expect(manuscript.messages.every((message) => message.line === 5 && message.column === 1)).toBe(true)
  })

  it('keeps problems outside anything made from the Markdown in the generated file, at its line', () => {
    const { manuscript, generated, xmlLine } = findingsWith({
      // The title comes from the front matter, not from the body's Markdown.
      text: (state, node) => (node.value === meta.title ? x('bad-title', {}, node.value) : state.patch(node, { type: 'text', value: node.value })),
    })
    expect(manuscript.messages).toEqual([])
    expect(generated.messages.length).toBeGreaterThan(0)
    expect(generated.messages.map((message) => message.line)).toContain(xmlLine('<bad-title>'))
    expect(generated.messages[0].reason).toMatch(/^Generated JATS is not valid against the JATS 1.3 DTD: /)
  })

  it('finds nothing in valid JATS', () => {
    const { manuscript, generated } = findingsWith({})
    expect([...manuscript.messages, ...generated.messages]).toEqual([])
  })
})
