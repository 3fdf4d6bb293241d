/**
 * A small hand-made Article (invented people, journal and works; DOIs use
 * Crossref's test prefix 10.5555) and helpers to render JATS fragments.
 */
import type { Nodes as MdastNodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { parseBlocks } from '../../src/parse/markdown.ts'
import { DEFAULT_WORDS } from '../../src/template/words.ts'
import { numberFootnotes } from '../../src/transform/footnotes.ts'
import { workFacts } from '../../src/citations/facts.ts'
import type { Element as XastElement, Nodes as XastNodes } from 'xast'
import { toXml } from 'xast-util-to-xml'
import { bodyHandlers } from '../../src/jats/body.ts'
import { createState, type State } from '../../src/jats/state.ts'
import type { Article, ArticleMetadata, Caption, Citation, Declaration, DeclarationKind, CslItem, Reference, SupplementaryFile, Template, Words } from '../../src/types.ts'

export const words: Words = DEFAULT_WORDS.en

export const template: Template = {
  name: 'example',
  dir: '/templates/example',
  journal: {
    title: 'Example Journal of Clinical Reports',
    abbreviation: 'Ex J Clin Rep',
    issnPrint: '0000-0019',
    issnElectronic: '0000-0027',
    publisher: 'Example Academic Press',
    languages: ['en', 'es'],
    license: { url: 'https://creativecommons.org/licenses/by-nc/4.0/', text: 'Journal default licence.' },
  },
  csl: 'vancouver',
  citation: { style: 'superscript', placement: 'after-punctuation' },
  css: { screen: [], print: [] },
  words: { en: words },
}

export const meta: ArticleMetadata = {
  title: 'Transient palmar erythema after a single dose of a common antibiotic',
  titleMarkup: [{ type: 'text', value: 'Transient palmar erythema after a single dose of a common antibiotic' }],
  translatedTitles: [{ lang: 'es', title: 'Eritema palmar transitorio tras una dosis única de un antibiótico común', markup: [{ type: 'text', value: 'Eritema palmar transitorio tras una dosis única de un antibiótico común' }] }],
  translatedAbstracts: [],
  translatedKeywords: [],
  articleType: 'letter',
  heading: 'Scientific letter',
  lang: 'en',
  authors: [
    {
      given: 'Josiah', family: 'Carberry', email: 'j.carberry@example.org',
      orcid: 'https://orcid.org/0000-0002-1825-0097', corresponding: true, affiliations: ['derm', 'ri'],
    },
    { given: 'Lucía', family: 'Ortega', corresponding: false, affiliations: ['ri'] },
  ],
  affiliations: [
    { id: 'derm', department: 'Department of Dermatology', name: 'Hospital Universitario de Ejemplo', city: 'Madrid', country: 'Spain', countryCode: 'ES', label: 'a' },
    { id: 'ri', name: 'Example University', city: 'Providence', country: 'United States', countryCode: 'US', label: 'b' },
  ],
  date: { year: 2025, month: 3, day: 4 },
  volume: '7',
  issue: '1',
  pages: { first: '101', last: '103', display: '101–103' },
  doi: '10.5555/exjcr.2025.0042',
  keywords: ['drug eruption', 'palmar erythema'],
  copyright: { year: 2025, holder: 'The Authors', statement: '© 2025 The Authors' },
  license: { url: 'https://creativecommons.org/licenses/by/4.0/', text: 'This article is distributed under the CC BY 4.0 licence.' },
  bibliography: [],
}

const works: CslItem[] = [
  {
    id: 'doe2019', type: 'article-journal', title: 'Acral erythema after antibiotic exposure: a case series',
    'container-title': 'Example Journal of Clinical Reports', author: [{ family: 'Doe', given: 'Jane' }, { family: 'Roe', given: 'Richard' }],
    issued: { 'date-parts': [[2019, 6]] }, volume: '1', issue: 2, page: '455-62', DOI: '10.5555/exjcr.2019.0101', PMID: '31000001',
    publisher: 'Example Academic Press',
  },
  {
    id: 'smith2020', type: 'book', title: 'Cutaneous Drug Reactions', author: [{ family: 'Smith', given: 'Anna' }],
    issued: { 'date-parts': [[2020]] }, publisher: 'Example Books', 'publisher-place': 'London', edition: '2',
  },
  {
    id: 'lee2018', type: 'chapter', title: 'Fixed drug eruptions', 'container-title': 'Handbook of Skin Reactions',
    author: [{ family: 'Lee', given: 'Min' }], editor: [{ family: 'Grant', given: 'Paula' }],
    issued: { 'date-parts': [[2018]] }, page: '12–30', publisher: 'Example Books',
  },
  {
    id: 'who2021', type: 'webpage', title: 'Antibiotic safety notes', author: [{ literal: 'World Example Organization' }],
    issued: { 'date-parts': [[2021, 11, 2]] }, URL: 'https://example.org/antibiotic-safety',
  },
  {
    id: 'balin2022', type: 'article-journal', title: 'Palmar signs in practice', 'container-title': 'Skin Case Rep',
    author: [{ family: 'Balin', given: 'Tom' }, { family: 'Ivers', given: 'Ann' }, { family: 'Kahn', given: 'Eli' }],
    issued: { 'date-parts': [[2022]] }, volume: 9, page: 'e1234',
  },
  {
    id: 'callen2023', type: 'dataset', title: 'Erythema photographs', 'container-title': 'Zenodo',
    author: [{ family: 'Callen', given: 'Jo' }, { family: 'Wortmann', given: 'Kai' }],
    issued: { 'date-parts': [[2023]] }, DOI: '10.5555/zenodo.1234',
  },
]

export const references: Reference[] = works.map((csl, index) => ({
  key: csl.id, number: index + 1, id: `B${index + 1}`, csl, ...workFacts(csl), formatted: [],
}))

export function citation(mode: Citation['mode'], ...items: Array<[key: string, locator?: string]>): Citation {
  return {
    type: 'citation',
    mode,
    items: items.map(([key, locator]) => ({ key, number: references.find((ref) => ref.key === key)!.number, ...(locator ? { afterNumber: [{ type: 'text' as const, value: `, ${locator}` }] } : {}) })),
  }
}

const t = (value: string): PhrasingContent => ({ type: 'text', value })

/** A letter using every construct the emitter knows. */
export const letterTree: RootContent[] = [
  { type: 'yaml', value: 'title: ignored here' },
  {
    type: 'paragraph',
    children: [
      t('Dear Editor, palmar erythema is rare'), citation('parenthetical', ['doe2019']),
      t('; see '), { type: 'crossReference', kind: 'fig', identifier: 'fig-palms', number: 1 },
      t(' and '), { type: 'crossReference', kind: 'tbl', identifier: 'tbl-course', number: 1 }, t('.'),
    ],
  },
  { type: 'heading', depth: 2, children: [t('Case')] },
  {
    type: 'paragraph',
    children: [
      t('A '), { type: 'emphasis', children: [t('single')] }, t(' dose'), citation('parenthetical', ['smith2020'], ['lee2018'], ['who2021']),
      t(', as '), citation('narrative', ['callen2023']), t(' showed'), citation('parenthetical', ['balin2022', 'p. 5']), t('.'),
    ],
  },
  {
    type: 'figure', identifier: 'fig-palms', number: 1, url: 'figures/palms.jpg', path: '/m/figures/palms.jpg', file: 'palms.jpg', href: 'palms.jpg',
    alt: 'Two open palms with evenly spread redness.', children: [{ type: 'caption', children: [t('Clinical appearance on day 1.')] }],
  },
  {
    type: 'paragraph',
    children: [t('Dermoscopy ('), { type: 'crossReference', kind: 'fig', identifier: 'fig-scope-b', number: 2, panel: 'B' }, t(') showed dilated vessels.')],
  },
  {
    type: 'figureGroup', identifier: 'fig-scope', number: 2, columns: 2, children: [
      { type: 'caption', children: [t('Dermoscopy of the right palm.')] },
      ...(['a', 'b'] as const).map((letter) => ({
        type: 'figure' as const, identifier: `fig-scope-${letter}`, number: 2, panel: letter.toUpperCase(), url: `figures/scope-${letter}.png`,
        path: `/m/figures/scope-${letter}.png`, file: `scope-${letter}.png`, href: `scope-${letter}.png`,
        alt: `Dermoscopic view ${letter} with red dots.`, children: [{ type: 'caption' as const, children: [t(letter === 'a' ? 'Day 1.' : 'Day 5.')] }] as [Caption],
      })),
    ],
  },
  { type: 'heading', depth: 3, children: [t('Course')] },
  {
    type: 'tableFigure', identifier: 'tbl-course', number: 1, children: [{ type: 'caption', children: [t('Course of the eruption.')] },
    {
      type: 'table', align: ['left', 'right'],
      children: [
        { type: 'tableRow', children: [{ type: 'tableCell', children: [t('Day')] }, { type: 'tableCell', children: [t('Extent')] }] },
        { type: 'tableRow', children: [{ type: 'tableCell', children: [t('1')] }, { type: 'tableCell', children: [t('Both palms')] }] },
      ],
    }],
  },
  { type: 'heading', depth: 2, children: [t('Comment')] },
  {
    type: 'list', ordered: false, children: [
      { type: 'listItem', children: [{ type: 'paragraph', children: [{ type: 'strong', children: [t('Stop')] }, t(' the drug.')] }] },
      { type: 'listItem', children: [{ type: 'paragraph', children: [{ type: 'inlineCode', value: 'ICD-10 L27.0' }] }] },
    ],
  },
  { type: 'blockquote', children: [{ type: 'paragraph', children: [t('First, do no harm.')] }] },
  { type: 'code', value: 'dose <- 500 # mg' },
  { type: 'thematicBreak' },
  {
    type: 'paragraph',
    children: [t('More at '), { type: 'link', url: 'https://example.org/?a=1&b=2', children: [t('the registry')] }, t('.'), { type: 'footnoteReference', identifier: 'reg', label: 'reg' }],
  },
  { type: 'footnoteDefinition', identifier: 'reg', label: 'reg', children: [{ type: 'paragraph', children: [t('Registry checked in 2024.')] }] },
]

export function makeArticle(overrides: { tree?: RootContent[]; meta?: Partial<ArticleMetadata>; references?: Reference[]; declarations?: Declaration[]; supplementary?: SupplementaryFile[] } = {}): Article {
  const tree: Root = { type: 'root', children: overrides.tree ?? letterTree }
  return {
    file: new VFile({ path: '/manuscript/letter.md' }),
    tree,
    meta: { ...meta, ...overrides.meta },
    references: overrides.references ?? references,
    footnotes: numberFootnotes(tree),
    declarations: overrides.declarations ?? [],
    supplementary: overrides.supplementary ?? [],
    template,
    words,
  }
}

export function bodyState(article = makeArticle()): State {
  return createState(article, bodyHandlers)
}

/** The serialized JATS for one mdast node, as a handler emits it (empty elements closed as serializeJats does). */
export function jatsOf(node: MdastNodes, state = bodyState()): string {
  return toXml(state.one(node), { closeEmptyElements: true, tightClose: true })
}

/** Every element with this name, in document order. */
export function elementsNamed(node: XastNodes, name: string): XastElement[] {
  const found: XastElement[] = []
  const visit = (current: XastNodes) => {
    if (current.type === 'element' && current.name === name) found.push(current)
    if ('children' in current) current.children.forEach(visit)
  }
  visit(node)
  return found
}

export function childNames(element: XastElement): string[] {
  return element.children.flatMap((child) => (child.type === 'element' ? [child.name] : []))
}

const para = (value: string): Paragraph => ({ type: 'paragraph', children: [t(value)] })
const declaration = (kind: DeclarationKind, id: string, children: RootContent[], title = ''): Declaration =>
  ({ kind, id, title: title ? [t(title)] : [], children })

/** The fixture letter with one declaration of each kind, front-matter funding and CRediT roles. */
export function articleWithDeclarations(): Article {
  return makeArticle({
    declarations: [
      declaration('acknowledgements', 'ack', [para('We thank the patient.'), { type: 'heading', depth: 3, children: [t('Others')] }, para('And the nurses.')]),
      declaration('conflicts', 'coi-statement', [para('The authors declare no conflicts of interest.')]),
      declaration('funding', 'funding-statement', [para('No specific funding.')]),
      declaration('data-availability', 'data-availability', [para('Data are available on request.')]),
      declaration('ethics', 'ethics-statement', [para('Approved by the ethics committee.')]),
      declaration('consent', 'consent-statement', [para('The patient consented in writing.')]),
      declaration('contributions', 'author-contributions', [{ type: 'list', ordered: false, children: [{ type: 'listItem', children: [para('JC wrote it.')] }] }]),
      declaration('appendix', 'app1', [para('Appendix text.')], 'Supplementary methods'),
    ],
    meta: {
      abstract: abstractOf('A short abstract.'),
      funding: [{
        statement: 'Funded by the Example Foundation.',
        awards: [{ id: 'EX-1', sources: [{ name: 'Example Foundation', ror: 'https://ror.org/02mhbdp94', doi: 'https://doi.org/10.13039/501100000001' }], recipients: ['Josiah Carberry'], investigators: [] }],
      }],
      authors: [
        { ...meta.authors[0], roles: [{ name: 'Conceptualization', credit: 'conceptualization', degree: 'lead' }, { name: 'Patient care' }] },
        meta.authors[1],
      ],
    },
  })
}

/** An abstract as the front matter's reader makes it: Markdown blocks, here without places. */
export function abstractOf(markdown: string): Root {
  const root = parseBlocks(markdown, (point) => point)
  visit(root, (node) => { delete node.position })
  return root
}
