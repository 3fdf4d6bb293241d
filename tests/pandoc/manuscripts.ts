/**
 * fast-check arbitraries for manuscripts that mix citations with the rest of
 * Pandoc's inline Markdown: emphasis, ^sup^, ~sub~, links, footnotes,
 * tables, escapes, code, inline notes and e-mail addresses. Keys come from the corpus's
 * refs.bib, so both tools can build a reference list.
 */
import fc from 'fast-check'

const KEYS = ['doe99', 'smith04', 'smith', 'item1', 'item2', 'item3', 'roe05', 'Foo_bar.baz']

const key = fc.constantFrom(...KEYS)
const word = fc.constantFrom('blah', 'cells', 'the', 'course', 'DM', 'lesions', 'face', 'as', 'shown', 'in', 'vivo')
const number = fc.integer({ min: 1, max: 400 }).map(String)
const locator = fc.oneof(
  number.map((n) => `p. ${n}`),
  number.map((n) => `pp. ${n}-${Number(n) + 3}`),
  number.map((n) => `chap. ${n}`),
  number.map((n) => `sec. ${n}`),
  number,
  fc.constant('passim'),
)
const prefix = fc.constantFrom('see', 'cf.', '*see*', 'also', 'e.g.')
const item = fc.record({
  prefix: fc.option(prefix, { nil: undefined }),
  suppress: fc.boolean(),
  key,
  comma: fc.boolean(),
  locator: fc.option(locator, { nil: undefined }),
}).map(({ prefix: before, suppress, key: k, comma, locator: where }) =>
  `${before ? `${before} ` : ''}${suppress ? '-' : ''}@${k}${where ? `${comma ? ',' : ''} ${where}` : ''}`)

const citation = fc.oneof(
  fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => `[${items.join('; ')}]`),
  key.map((k) => `@${k}`),
  fc.tuple(key, locator).map(([k, where]) => `@${k} [${where}]`),
  fc.tuple(key, key).map(([a, b]) => `@${a} [@${b}]`),
)

const inline = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 4, arbitrary: citation },
  { weight: 1, arbitrary: word.map((w) => `*${w}*`) },
  { weight: 1, arbitrary: citation.map((c) => `*${c}*`) },
  { weight: 1, arbitrary: number.map((n) => `10^${n}^`) },
  { weight: 1, arbitrary: fc.constantFrom('H~2~O', 'CO~2~', 'm^2^') },
  { weight: 1, arbitrary: word.map((w) => `[${w}](https://example.org/${w})`) },
  { weight: 1, arbitrary: key.map((k) => `\\[@${k}\\]`) },
  { weight: 1, arbitrary: key.map((k) => `\\@${k}`) },
  { weight: 1, arbitrary: key.map((k) => `\`@${k}\``) },
  { weight: 1, arbitrary: fc.constantFrom('someone@example.org', 'x@y.org') },
)

// A sentence opens with a word: `@key.` opening a paragraph is an example list to Pandoc (refused, see citations.ts).
const sentence = fc.tuple(word, fc.array(inline, { minLength: 0, maxLength: 8 })).map(([first, parts]) => `${[first, ...parts].join(' ')}.`)

interface Paragraph { text: string; notes: string[] }

const paragraph: fc.Arbitrary<Paragraph> = fc.oneof(
  { weight: 4, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((sentences) => ({ text: sentences.join('\n'), notes: [] })) },
  { weight: 1, arbitrary: fc.tuple(sentence, sentence).map(([text, note]) => ({ text: `${text.slice(0, -1)}[^NOTE].`, notes: [note] })) },
  { weight: 1, arbitrary: fc.tuple(sentence, sentence).map(([text, note]) => ({ text: `${text.slice(0, -1)}^[${note}] after.`, notes: [] })) },
  { weight: 1, arbitrary: fc.tuple(citation, citation, word).map(([a, b, w]) => ({ text: `| Site | Source |\n|------|--------|\n| ${w} | ${a} |\n| arm | ${b} |`, notes: [] })) },
)

const FRONT = '---\ntitle: "A generated letter"\nauthor:\n  - A. Author\nbibliography: refs.bib\ntemplate: default\n---\n'

/** A whole manuscript: front matter, paragraphs, then the footnotes they call. */
export const manuscript = fc.array(paragraph, { minLength: 1, maxLength: 5 }).map((paragraphs) => {
  const notes: string[] = []
  const body = paragraphs.map((p) => {
    let text = p.text
    for (const note of p.notes) {
      notes.push(note)
      text = text.replace('[^NOTE]', `[^n${notes.length}]`)
    }
    return text
  })
  return `${FRONT}\n${body.join('\n\n')}\n${notes.map((note, index) => `\n[^n${index + 1}]: ${note}\n`).join('')}`
})

/** How many generated manuscripts the differential test and the agreement script compare, and from which seed. */
export const GENERATED_RUNS = Number(process.env.GALLEY_FC_RUNS ?? 40)
export const GENERATED_SEED = Number(process.env.GALLEY_FC_SEED ?? 20261201)
