import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findings } from '../../src/cli/report.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { BIB, fixture } from '../helpers.ts'

function prepare(front: string, body = 'Dear Editor.\n') {
  const dir = fixture({ 'letter.md': `---\ntitle: T\ntemplate: default\n${front}---\n\n${body}` })
  return prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
}
const found = (files: ReturnType<typeof prepare>['files']) =>
  findings(files).map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)

describe('author roles (Quarto `roles`, CRediT)', () => {
  it('reads CRediT terms however they are spelt, with a degree, and keeps another role with a hint', () => {
    const { article, files } = prepare([
      'author:',
      '  - name: Ana López',
      '    roles: [conceptualisation, "writing - review and editing", {investigation: Lead}, Writting original draft, cooking]',
      '  - name: Ben Roe',
      '    role: Formal Analysis',
      '',
    ].join('\n'))
    expect(found(files)).toEqual(['6:87 author-role-unknown', '6:112 author-role-unknown'])
    const messages = findings(files).map((finding) => finding.message)
    expect(messages[0]).toContain('did you mean "Writing – original draft"?')
    expect(messages[1]).toContain('https://credit.niso.org/')
    expect(article!.meta.authors.map((author) => author.roles)).toEqual([
      [
        { name: 'Conceptualization', credit: 'conceptualization' },
        { name: 'Writing – review & editing', credit: 'writing-review-editing' },
        { name: 'Investigation', credit: 'investigation', degree: 'lead' },
        { name: 'Writting original draft' },
        { name: 'cooking' },
      ],
      [{ name: 'Formal analysis', credit: 'formal-analysis' }],
    ])
  })

  it('refuses a degree CRediT does not have', () => {
    const { files } = prepare('author:\n  - name: Ana López\n    roles:\n      - conceptualization: most\n')
    expect(found(files)).toEqual(['7:28 front-matter-type'])
  })
})

describe('funding (Quarto `funding`)', () => {
  it('reads Quarto\'s source text and country, and a funder\'s ROR and Funder Registry DOI, without unknown keys', () => {
    const { article, files } = prepare([
      'author: Ana López',
      'funding:',
      '  - statement: Funded by two.',
      '    awards:',
      '      - id: PI20/001',
      '        source:',
      '          - text: Instituto de Salud Carlos III',
      '            country: ES',
      '            ror: 00ca2c886',
      '            doi: 10.13039/501100004587',
      '          - Fundación Ejemplo',
      '',
    ].join('\n'))
    expect(found(files)).toEqual([])
    expect(article!.meta.funding![0].awards[0].sources).toEqual([
      { name: 'Instituto de Salud Carlos III', ror: 'https://ror.org/00ca2c886', doi: 'https://doi.org/10.13039/501100004587' },
      { name: 'Fundación Ejemplo' },
    ])
  })

  it('needs a funder\'s name', () => {
    const { files } = prepare('author: Ana López\nfunding:\n  - awards:\n      - source:\n          - ror: 00ca2c886\n')
    expect(found(files)).toEqual(['8:13 front-matter-missing'])
  })
})

describe('declaration sections, read from a manuscript', () => {
  const body = [
    'Dear Editor.', '',
    '## Acknowledgements {.appendix}', '', 'We thank the patient.', '',
    '## Conflicts of interest', '', 'None.', '',
  ].join('\n')

  it('leave the body, their attribute blocks printed nowhere', () => {
    const { article, files } = prepare('author: Ana López\narticle-type: letter\n', body)
    expect(found(files)).toEqual([])
    expect(article!.tree.children.map((node) => node.type)).toEqual(['paragraph'])
    expect(article!.declarations.map((declaration) => [declaration.kind, declaration.id])).toEqual([['acknowledgements', 'ack'], ['conflicts', 'coi-statement']])
    expect(JSON.stringify(article!.declarations)).not.toContain('{.appendix}')
  })

  it('warn about a case report without a consent statement, at its article-type', () => {
    const { files } = prepare('author: Ana López\narticle-type: case-report\n', body)
    expect(found(files)).toEqual(['5:15 declaration-consent-missing'])
    const { files: consented } = prepare('author: Ana López\narticle-type: case-report\n', `${body}\n## Consentimiento informado\n\nLa paciente dio su consentimiento.\n`)
    expect(found(consented)).toEqual([])
  })
})

describe('declarations, numbered where they print', () => {
  it('number their citations and notes after the body\'s, wherever the manuscript writes them', () => {
    const dir = fixture({
      'letter.md': [
        '---', 'title: T', 'template: default', 'author: Ana López', 'bibliography: refs.bib', '---', '',
        '## Acknowledgements', '', 'We follow [@alpha2020].[^thanks]', '',
        '## Case', '', 'As shown [@gamma2021].[^case]', '',
        '## {.appendix}', '', 'An untitled appendix.', '',
        '[^thanks]: To the nurses.', '', '[^case]: A note.', '',
      ].join('\n'),
      'refs.bib': BIB,
    })
    const { article, files } = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
    expect(findings(files).filter((finding) => finding.severity === 'error')).toEqual([])
    expect(article!.references.map((reference) => reference.key)).toEqual(['gamma2021', 'alpha2020'])
    expect(article!.footnotes.map((footnote) => footnote.identifier)).toEqual(['case', 'thanks'])
    expect(article!.declarations.map((declaration) => [declaration.kind, declaration.id, declaration.title.length])).toEqual([['acknowledgements', 'ack', 1], ['appendix', 'app1', 0]])
    // The notes' definitions stay with the body, where every output looks them up.
    expect(article!.tree.children.map((node) => node.type)).toEqual(['heading', 'paragraph', 'footnoteDefinition', 'footnoteDefinition'])
  })
})
