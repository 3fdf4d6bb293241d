/**
 * A tiny hand-made Article for the HTML emitter's tests: citations (a single
 * one, a range with a locator, a narrative one), a cross-reference, a figure
 * and a table, against the real Actas template's CSS.
 */
import path from 'node:path'
import type { Root } from 'mdast'
import { VFile } from 'vfile'
import { DEFAULT_WORDS } from '../../src/template/words.ts'
import { workFacts } from '../../src/citations/facts.ts'
import type { Article, CitationItem, Reference, Template, Words } from '../../src/types.ts'

export const TEMPLATE_DIR = path.resolve(import.meta.dirname, '../../templates/actas-dermo-sifiliograficas')

export const words: Words = DEFAULT_WORDS.en

export function template(overrides: Partial<Template> = {}): Template {
  return {
    name: 'actas-dermo-sifiliograficas',
    dir: TEMPLATE_DIR,
    journal: {
      title: 'Actas Dermo-Sifiliográficas',
      abbreviation: 'Actas Dermosifiliogr',
      issnPrint: '0001-7310',
      issnElectronic: '1578-2190',
      publisher: 'Elsevier España',
      languages: ['es', 'en'],
    },
    csl: 'vancouver',
    citation: { style: 'superscript', placement: 'after-punctuation' },
    css: {
      screen: [path.join(TEMPLATE_DIR, 'screen.css')],
      print: [path.join(TEMPLATE_DIR, 'print.css')],
    },
    words: { en: words },
    ...overrides,
  }
}

function reference(number: number, key: string, csl: Partial<Reference['csl']>, text: string): Reference {
  return {
    key,
    number,
    id: `B${number}`,
    csl: { id: key, type: 'article-journal', ...csl },
    ...workFacts({ id: key, type: 'article-journal', ...csl }),
    formatted: [{ type: 'text', value: text }],
  }
}

export const references: Reference[] = [
  reference(1, 'balin2012', {
    title: 'Calcinosis cutis occurring in association with autoimmune connective tissue disease',
    author: [{ family: 'Balin', given: 'S. J.' }, { family: 'Wetter', given: 'D. A.' }, { family: 'Andersen', given: 'L. K.' }],
    'container-title': 'Archives of Dermatology',
    issued: { 'date-parts': [[2012]] },
    volume: '148',
    // Abbreviated, as bibliographies often have it: every output says 462.
    page: '455-62',
    DOI: '10.1001/archdermatol.2011.2052',
    PMID: '22184719',
  }, 'Balin SJ, Wetter DA, Andersen LK. Calcinosis cutis. Arch Dermatol. 2012;148:455–62. doi:10.1001/archdermatol.2011.2052'),
  reference(2, 'requena2014', {
    title: 'Paraneoplastic dermatomyositis: a study of 12 cases',
    author: [{ family: 'Requena', given: 'C.' }],
    'container-title': 'Actas Dermo-Sifiliográficas',
    issued: { 'date-parts': [[2014, 9]] },
    URL: 'https://www.actasdermo.org/paraneoplastic',
  }, 'Requena C. Paraneoplastic dermatomyositis: a study of 12 cases. Actas Dermosifiliogr. 2014;105:675–82.'),
  reference(3, 'lee2012', { title: 'Dermatomyositis and lung adenocarcinoma', PMCID: 'PMC3277091' },
    'Lee GL. Dermatomyositis and lung adenocarcinoma. 2012. PubMed Central PMCID: PMC3277091.'),
  reference(4, 'callen2006', {
    title: 'Dermatomyositis',
    author: [{ family: 'Callen', given: 'J. P.' }, { family: 'Wortmann', given: 'R. L.' }],
  }, 'Callen JP, Wortmann RL. Dermatomyositis. Clin Dermatol. 2006;24:363–73.'),
]

const item = (number: number, locator?: string): CitationItem =>
  ({ key: references[number - 1].key, number, ...(locator ? { afterNumber: [{ type: 'text' as const, value: `, ${locator}` }] } : {}) })

/** "Descriptions are very scarce [@balin2012]. Seen in [@requena2014; @lee2012; @callen2006, p. 5]; According to @callen2006, the course (@fig-malar) varies." */
export function tree(): Root {
  return {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'Descriptions are very scarce ' },
          { type: 'citation', mode: 'parenthetical', items: [item(1)] },
          { type: 'text', value: '.\nSeen in three series ' },
          { type: 'citation', mode: 'parenthetical', items: [item(1), item(2), item(3), item(4, 'p. 5')] },
          { type: 'text', value: '; rarely elsewhere.\nAccording to ' },
          { type: 'citation', mode: 'narrative', items: [item(4)] },
          { type: 'text', value: ', the course of both malar regions (' },
          { type: 'crossReference', kind: 'fig', identifier: 'fig-malar', number: 1 },
          { type: 'text', value: ') and the values (' },
          { type: 'crossReference', kind: 'tbl', identifier: 'tbl-values', number: 1 },
          { type: 'text', value: ') vary.' },
        ],
      },
      {
        type: 'figure',
        identifier: 'fig-malar',
        number: 1,
        url: 'figures/fig1-malar-plaques.png',
        path: '/manuscript/figures/fig1-malar-plaques.png',
        file: 'fig1-malar-plaques.png',
        href: 'fig1-malar-plaques.png',
        alt: 'Clinical photograph of firm plaques over both cheeks.',
        children: [{ type: 'caption', children: [
          { type: 'text', value: 'Stony-hard plaques in both malar regions, ' },
          { type: 'emphasis', children: [{ type: 'text', value: 'well defined' }] },
          { type: 'text', value: '.' },
        ] }],
      },
      {
        type: 'tableFigure',
        identifier: 'tbl-values',
        number: 1,
        children: [{ type: 'caption', children: [{ type: 'text', value: 'Laboratory values.' }] },
        {
          type: 'table',
          align: [null, 'right'],
          children: [
            { type: 'tableRow', children: [cell('Test'), cell('Value')] },
            { type: 'tableRow', children: [cell('Calcium'), cell('9.4 mg/dL')] },
          ],
        }],
      },
    ],
  }
}

function cell(value: string) {
  return { type: 'tableCell' as const, children: [{ type: 'text' as const, value }] }
}

export function article(overrides: Partial<Article> = {}): Article {
  return {
    file: new VFile({ path: '/manuscript/letter.md' }),
    tree: tree(),
    meta: {
      title: 'Facial Calcinosis Cutis in a Woman with Paraneoplastic Dermatomyositis',
      titleMarkup: [{ type: 'text', value: 'Facial Calcinosis Cutis in a Woman with Paraneoplastic Dermatomyositis' }],
      translatedTitles: [{ lang: 'es', title: 'Calcinosis cutis facial en una paciente con dermatomiositis paraneoplásica', markup: [{ type: 'text', value: 'Calcinosis cutis facial en una paciente con dermatomiositis paraneoplásica' }] }],
      translatedAbstracts: [],
      translatedKeywords: [],
      articleType: 'letter',
      heading: 'Scientific letter',
      lang: 'en',
      authors: [
        { given: 'M.', family: 'Herrero-Moyano', email: 'mariaherreromoyano@gmail.com', corresponding: true, affiliations: ['princesa'] },
        { given: 'C.', family: 'Martínez-Mera', corresponding: false, affiliations: ['princesa'] },
        { given: 'E.', family: 'Dauden', corresponding: false, affiliations: ['princesa'] },
      ],
      affiliations: [{
        id: 'princesa',
        department: 'Servicio de Dermatología',
        name: 'Hospital Universitario de La Princesa',
        city: 'Madrid',
        country: 'Spain',
        countryCode: 'ES',
      }],
      date: { year: 2018, month: 10 },
      volume: '109',
      issue: '8',
      pages: { first: '760', last: '762', display: '760–762' },
      keywords: [],
      bibliography: [],
    },
    references,
    footnotes: [],
    declarations: [],
    supplementary: [],
    template: template(),
    words,
    ...overrides,
  }
}
