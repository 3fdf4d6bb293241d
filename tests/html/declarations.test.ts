import type { Element } from 'hast'
import type { PhrasingContent, RootContent } from 'mdast'
import { HtmlValidate } from 'html-validate'
import { describe, expect, it } from 'vitest'
import { serializeHtml, toHtml } from '../../src/html/page.ts'
import { DEFAULT_WORDS } from '../../src/template/words.ts'
import type { Declaration } from '../../src/types.ts'
import * as fixture from './fixture.ts'
import { byClass, byTag, textOf } from './util.ts'

const t = (value: string): PhrasingContent => ({ type: 'text', value })
const para = (...children: PhrasingContent[]): RootContent => ({ type: 'paragraph', children })

const declarations: Declaration[] = [
  { kind: 'conflicts', id: 'coi-statement', title: [t('Competing interests')], children: [para(t('None declared.'))] },
  { kind: 'acknowledgements', id: 'ack', title: [t('Acknowledgements')], children: [para(t('We thank the patient.'))] },
  { kind: 'appendix', id: 'app1', title: [{ type: 'emphasis', children: [t('Candida')] }, t(' cultures')], children: [para(t('Table A1.'))] },
]
const base = fixture.article()
const article = fixture.article({
  declarations,
  meta: {
    ...base.meta,
    funding: [{ statement: 'Funded by the Example Foundation.', awards: [{ id: 'EX-1', sources: [{ name: 'Example Foundation' }], recipients: [], investigators: [] }] }],
    authors: base.meta.authors.map((author, index) => (index === 0 ? { ...author, roles: [{ name: 'Conceptualization', credit: 'conceptualization' }, { name: 'Writing – original draft', credit: 'writing-original-draft' }] } : author)),
  },
})

const sectionsOf = (tree: ReturnType<typeof toHtml>['tree']) => byClass(tree, 'declaration')

describe('declarations on the page', () => {
  it('come after the body and before the references, in the manuscript\'s order, with front-matter sections before the appendices', () => {
    const { tree } = toHtml(article)
    const [articleElement] = byTag(tree, 'article')
    const order = articleElement.children.flatMap((child) => (child.type === 'element' ? [String((child.properties.className as string[])?.join(' '))] : []))
    expect(order).toEqual(['article-header', 'body',
      'declaration declaration-conflicts', 'declaration declaration-acknowledgements', 'declaration declaration-funding',
      'declaration declaration-contributions', 'declaration declaration-appendix', 'references'])
  })

  it('are headed with the template\'s words, an appendix with its own title', () => {
    const { tree } = toHtml(article)
    expect(sectionsOf(tree).map((section) => textOf(byTag(section, 'h2')[0]))).toEqual([
      'Conflicts of interest', 'Acknowledgements', 'Funding', 'Author contributions', 'Candida cultures'])
    const spanish = { ...DEFAULT_WORDS.es }
    const { tree: es } = toHtml({ ...article, words: spanish })
    expect(sectionsOf(es).map((section) => textOf(byTag(section, 'h2')[0])).slice(0, 4)).toEqual([
      'Conflicto de intereses', 'Agradecimientos', 'Financiación', 'Contribución de los autores'])
  })

  it('label each section by its heading and give it an id', () => {
    const { tree } = toHtml(article)
    for (const section of sectionsOf(tree)) {
      const heading = byTag(section, 'h2')[0] as Element
      expect(section.properties.ariaLabelledBy).toEqual([heading.properties.id])
      expect(section.properties.id).toBeTruthy()
    }
  })

  it('print the front matter\'s funding and each author\'s roles', () => {
    const { tree } = toHtml(article)
    const [funding] = byClass(tree, 'declaration-funding')
    expect(textOf(funding)).toBe('FundingFunded by the Example Foundation.Example Foundation (EX-1)')
    const [roles] = byClass(tree, 'declaration-contributions')
    expect(textOf(roles)).toBe('Author contributionsM. Herrero-Moyano: Conceptualization, Writing – original draft.')
  })

  it('is valid HTML (html-validate, recommended rules)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'doctype-style': 'off' } })
    // The fixture's body has aligned table cells (inline styles); the declarations are what is checked here.
    const page = toHtml({ ...article, tree: { type: 'root', children: [para(t('Dear Editor.'))] } })
    const report = await validator.validateString(serializeHtml(page.tree))
    expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`))).toEqual([])
  })
})
