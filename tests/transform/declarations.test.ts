import type { Heading, Paragraph, Root, RootContent } from 'mdast'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { checkConsent, declarationKind, gatherDeclarations, takeDeclarations } from '../../src/transform/declarations.ts'
import { readHeadingAttributes, releaseClashingIds } from '../../src/transform/heading-attributes.ts'
import type { ArticleMetadata } from '../../src/types.ts'

const heading = (depth: Heading['depth'], value: string, classes?: string[]): Heading =>
  ({ type: 'heading', depth, children: [{ type: 'text', value }], ...(classes ? { data: { classes } } : {}) })
const para = (value: string): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value }] })
const words = (nodes: RootContent[]) => nodes.map((node) => ('children' in node ? (node.children[0] as { value: string }).value : node.type))

describe('declarationKind', () => {
  it.each([
    ['Acknowledgements', 'acknowledgements'], ['Acknowledgments:', 'acknowledgements'], ['AGRADECIMIENTOS', 'acknowledgements'],
    ['Agradecimentos', 'acknowledgements'], ['Conflicts of Interest', 'conflicts'], ['Competing interests', 'conflicts'],
    ['Declaration of interests', 'conflicts'], ['Conflicto de intereses', 'conflicts'], ['Conflito de interesses', 'conflicts'],
    ['Funding.', 'funding'], ['Financiación', 'funding'], ['Financiamiento', 'funding'], ['Financiamento', 'funding'],
    ['Data availability statement', 'data-availability'], ['Disponibilidad de datos', 'data-availability'],
    ['Ethics approval', 'ethics'], ['Ethics statement', 'ethics'], ['Responsabilidades éticas', 'ethics'],
    ['Patient consent', 'consent'], ['Informed consent', 'consent'], ['Consentimiento informado', 'consent'],
    ['Consentimento informado', 'consent'], ["Authors' contributions", 'contributions'], ['Author contributions', 'contributions'],
    ['Contribución de los autores', 'contributions'], ['Contribuição dos autores', 'contributions'],
  ])('reads "%s" as %s', (title, kind) => {
    expect(declarationKind(heading(2, title))).toBe(kind)
  })

  it('leaves body sections, deeper headings and near misses alone', () => {
    expect(declarationKind(heading(2, 'Discussion'))).toBeUndefined()
    expect(declarationKind(heading(3, 'Funding'))).toBeUndefined()
    expect(declarationKind(heading(2, 'Funding of the hospital ward'))).toBeUndefined()
  })

  it('takes a section marked {.appendix} with a title of its own as an appendix, and a known title first', () => {
    expect(declarationKind(heading(2, 'Supplementary tables', ['appendix']))).toBe('appendix')
    expect(declarationKind(heading(2, 'Acknowledgements', ['appendix']))).toBe('acknowledgements')
  })
})

describe('gatherDeclarations and takeDeclarations', () => {
  it('moves declaration sections, with their subsections, out of the body in manuscript order; definitions stay', () => {
    const tree: Root = {
      type: 'root',
      children: [
        para('Dear Editor.'),
        heading(2, 'Funding'), para('Grant 1.'),
        heading(2, 'Case'), para('A case.'),
        heading(2, 'Acknowledgements'), para('Thanks.'), heading(3, 'Others'), para('More thanks.'),
        { type: 'definition', identifier: 'x', url: 'https://example.org' },
        heading(1, 'Appendix tables', ['appendix']), para('Table.'),
      ],
    }
    gatherDeclarations(tree)
    expect(words(tree.children)).toEqual(['Dear Editor.', 'Case', 'A case.', 'definition',
      'Funding', 'Grant 1.', 'Acknowledgements', 'Thanks.', 'Others', 'More thanks.', 'Appendix tables', 'Table.'])
    const declarations = takeDeclarations(tree)
    expect(words(tree.children)).toEqual(['Dear Editor.', 'Case', 'A case.', 'definition'])
    expect(declarations.map(({ kind, id }) => ({ kind, id }))).toEqual([
      { kind: 'funding', id: 'funding-statement' },
      { kind: 'acknowledgements', id: 'ack' },
      { kind: 'appendix', id: 'app1' },
    ])
    expect(words(declarations[1].children)).toEqual(['Thanks.', 'Others', 'More thanks.'])
  })

  it('keeps a heading id and numbers repeated kinds', () => {
    const file = new VFile({ value: '## Thanks {#thanks .appendix}\n\nA.\n\n## Appendix A {.appendix}\n\nB.\n\n## Appendix B {.appendix}\n\nC.\n' })
    const tree = parseMarkdown(file)
    readHeadingAttributes(tree, file)
    gatherDeclarations(tree)
    const declarations = takeDeclarations(tree)
    expect(declarations.map(({ kind, id }) => [kind, id])).toEqual([['appendix', 'thanks'], ['appendix', 'app1'], ['appendix', 'app2']])
    expect(tree.children).toEqual([])
  })

  it('a manuscript without declarations is left as it was', () => {
    const tree: Root = { type: 'root', children: [heading(2, 'Case'), para('Text.')] }
    const before = structuredClone(tree)
    gatherDeclarations(tree)
    expect(takeDeclarations(tree)).toEqual([])
    expect(tree).toEqual(before)
  })
})

describe('readHeadingAttributes', () => {
  it('takes the block off the words and warns about an id that is no XML ID or is repeated', () => {
    const file = new VFile({ value: '## One {#1st}\n\n## Two {#two}\n\n## Three {#two}\n' })
    const tree = parseMarkdown(file)
    readHeadingAttributes(tree, file)
    const headings = tree.children as Heading[]
    expect(headings.map((node) => [(node.children[0] as { value: string }).value, node.data?.id])).toEqual([['One', undefined], ['Two', 'two'], ['Three', undefined]])
    expect(file.messages.map((message) => [message.ruleId, message.line])).toEqual([['heading-id', 1], ['heading-id', 5]])
  })
})

describe('checkConsent', () => {
  const meta = (articleType: string) => ({ articleType }) as ArticleMetadata
  it('warns, where article-type is written, about a case report without a consent statement', () => {
    const file = new VFile()
    checkConsent([], meta('case-report'), file, { line: 3, column: 15 })
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['declaration-consent-missing', 3, 15]])
  })

  it('is quiet for a case report with one (or an ethics section whose heading names consent), and for other article types', () => {
    const file = new VFile()
    checkConsent([{ kind: 'consent', id: 'consent-statement', title: [], children: [] }], meta('case-report'), file, undefined)
    checkConsent([{ kind: 'ethics', id: 'ethics-statement', title: [{ type: 'text', value: 'Ethics approval and consent to participate' }], children: [] }], meta('case-report'), file, undefined)
    checkConsent([], meta('letter'), file, undefined)
    expect(file.messages).toEqual([])
  })
})

describe('heading ids that other elements have', () => {
  it('are dropped when Galley names its own elements so, or a figure has it, and a declaration makes way for a body section\'s', () => {
    const file = new VFile({ value: '## Refs {#B1}\n\n## Case {#fig-a}\n\n## Thanks {#ack}\n\n## Acknowledgements\n\nA.\n' })
    const tree = parseMarkdown(file)
    readHeadingAttributes(tree, file)
    releaseClashingIds(tree, new Set(['fig-a']), file)
    gatherDeclarations(tree)
    const [declaration] = takeDeclarations(tree)
    expect((tree.children as Heading[]).map((node) => node.data?.id)).toEqual([undefined, undefined, 'ack'])
    expect(declaration.id).toBe('ack-2')
    expect(file.messages.map((message) => [message.line, message.reason.split(': ')[0]])).toEqual([
      [1, 'Heading id "B1" is one Galley gives its own elements'],
      [3, 'Heading id "fig-a" is also a figure\'s, table\'s or equation\'s'],
    ])
  })
})
