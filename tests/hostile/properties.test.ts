/**
 * Property tests: generated Markdown (lists, quotes, emphasis, links, code,
 * tables, footnotes, math and citations nested at random, with any Unicode
 * including control characters), then a generated title and BibTeX, each as
 * a letter through prepare, the JATS (DTD-checked) and the HTML. No input may
 * crash Galley, make JATS the DTD refuses or HTML that does not parse, or get
 * a finding without a place.
 *
 * The seed is fixed so CI is deterministic; fast-check prints it with the
 * shrunk counterexample on failure. GALLEY_PROPERTY_SEED tries another.
 */
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FRONT } from '../helpers.ts'
import { corpusFolder, galleyFaults, type Outcome, throughEmitters, unplaced } from './emitters.ts'

const SEED = Number(process.env.GALLEY_PROPERTY_SEED ?? 20261202)
export const MARKDOWN_RUNS = 150
export const FRONT_MATTER_RUNS = 40
const KEYS = ['alpha2020', 'gamma2021', 'delta2019', 'eta2018']

const dir = corpusFolder()
let runs = 0
/** Inputs that reached the emitters (the others were refused with positioned errors). */
let emitted = 0

function expectSound(outcome: Outcome, input: string): void {
  if (outcome.prepared) emitted++
  const context = `for input ${JSON.stringify(input)} (seed ${SEED})`
  expect(galleyFaults(outcome), context).toEqual([])
  expect(unplaced(outcome), context).toEqual([])
  expect(outcome.htmlErrors, context).toEqual([])
}

/** Any code point, control characters and Markdown's own punctuation much more often than chance would give them. */
const character = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcdefgh xyz') },
  { weight: 2, arbitrary: fc.constantFrom(...'*_`[]()!@#$^~<>&\\|:;,.-+={}"\'') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCodePoint(code)) },
  { weight: 1, arbitrary: fc.constantFrom('\u007f', '\u0085', '\u00a0', '\u00ad', '\u200b', '\u2028', '\ufeff', '\ufffd', '\ufffe', 'é', 'ß', 'ﬁ', '𝛼', '😀', '\u0301') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
)
const words = fc.string({ unit: character, minLength: 1, maxLength: 12 })
const url = fc.constantFrom('https://example.org/a?b=1&c=2', 'http://example.org', 'mailto:a@example.org', 'doi:10.5555/x', 'javascript:alert(1)',
  'data:text/html,<b>x</b>', 'figures/x.png', '/etc/passwd', '../up.png', '%ZZ', '#here', '<https://example.org/a b>')
const tex = fc.constantFrom('x^2', '\\alpha + \\beta', '\\frac{a}{b}', '\\notacommand', '{', 'a_{i}')
const citation = fc.oneof(
  fc.constantFrom(...KEYS).map((key) => `[@${key}]`),
  fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...KEYS), words).map(([a, b, text]) => `[see @${a}, p. 4; @${b} ${text}]`),
  fc.constantFrom(...KEYS).map((key) => `@${key}`),
  fc.constantFrom(...KEYS).map((key) => `[-@${key}]`),
)

const { block } = fc.letrec<{ inline: string; block: string }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    words,
    tie('inline').map((text) => `*${text}*`),
    tie('inline').map((text) => `**${text}**`),
    tie('inline').map((text) => `_${text}_`),
    tie('inline').map((text) => `~~${text}~~`),
    words.map((text) => `H~${text}~O ^${text}^`),
    words.map((text) => `\`${text}\``),
    fc.tuple(tie('inline'), url).map(([text, target]) => `[${text}](${target})`),
    fc.tuple(words, url).map(([alt, target]) => `![${alt}](${target})`),
    fc.tuple(tie('inline'), words).map(([text, alt]) => `[${text} ![${alt}](figures/x.png)](https://example.org)`),
    url.map((target) => `<${target.replace(/^<|>$/g, '')}>`),
    citation,
    fc.integer({ min: 1, max: 3 }).map((n) => `[^${n}]`),
    tex.map((value) => `$${value}$`),
    fc.constantFrom('<b>raw</b>', '<script>alert(1)</script>', '&amp; &copy; &#0; &#x110000;', '\\*', '  \n'),
    fc.tuple(tie('inline'), tie('inline')).map(([a, b]) => `${a} ${b}`),
  ),
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('inline'),
    fc.tuple(fc.integer({ min: 1, max: 6 }), tie('inline')).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`),
    fc.tuple(fc.constantFrom('- ', '* ', '1. ', '3) '), fc.array(tie('block'), { minLength: 1, maxLength: 3 }))
      .map(([marker, items]) => items.map((item) => marker + indent(item, ' '.repeat(marker.length))).join('\n')),
    fc.array(tie('block'), { minLength: 1, maxLength: 2 }).map((blocks) => prefixLines(blocks.join('\n\n'), '> ')),
    words.map((text) => `\`\`\`\n${text}\n\`\`\``),
    words.map((text) => `    ${text}`),
    fc.tuple(tie('inline'), tie('inline')).map(([a, b]) => `| a | b |\n| --- | :-: |\n| ${cell(a)} | ${cell(b)} |`),
    fc.tuple(fc.integer({ min: 1, max: 3 }), tie('block')).map(([n, text]) => `[^${n}]: ${indent(text, '    ')}`),
    tex.map((value) => `$$\n${value}\n$$`),
    fc.constant('***'),
    fc.array(tie('block'), { minLength: 2, maxLength: 3 }).map((blocks) => blocks.join('\n\n')),
  ),
}))

const indent = (text: string, by: string) => text.split('\n').map((line, index) => (index === 0 || line === '' ? line : by + line)).join('\n')
const prefixLines = (text: string, prefix: string) => text.split('\n').map((line) => prefix + line).join('\n')
/** A table cell stays on its row. */
const cell = (text: string) => text.replace(/[\n\r|]/g, ' ')

describe('generated manuscripts', () => {
  it(`${MARKDOWN_RUNS} Markdown bodies: no crash, valid JATS, HTML that parses, every finding placed`, () => {
    fc.assert(fc.property(fc.array(block, { minLength: 1, maxLength: 4 }), (blocks) => {
      const body = `${blocks.join('\n\n')}\n`
      expectSound(throughEmitters(dir, `body-${runs++}.md`, body), body)
    }), { seed: SEED, numRuns: MARKDOWN_RUNS })
    // Most inputs must reach the JATS and HTML, or the property says little about them.
    expect(emitted).toBeGreaterThan(MARKDOWN_RUNS / 2)
  })

  it(`${FRONT_MATTER_RUNS} titles and bibliographies: the same`, () => {
    const field = fc.string({ unit: character, maxLength: 20 })
    fc.assert(fc.property(field, field, field, words, (title, author, workTitle, body) => {
      const name = `front-${runs++}`
      const bib = `@article{alpha2020,\n  author = {${author}},\n  title = {${workTitle}},\n  journal = {J},\n  year = {2020},\n  url = {https://example.org/${encodeURIComponent(workTitle)}}\n}\n`
      fs.writeFileSync(path.join(dir, `${name}.bib`), bib)
      const front = FRONT.replace('title: A test letter', `title: ${JSON.stringify(title)}`).replace('bibliography: refs.bib', `bibliography: ${name}.bib`)
      const text = `Cited [@alpha2020]. ${body}\n`
      expectSound(throughEmitters(dir, `${name}.md`, text, front), `${front}${text}\n${bib}`)
    }), { seed: SEED, numRuns: FRONT_MATTER_RUNS })
  })
})
