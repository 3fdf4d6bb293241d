/**
 * Declarations in JATS, each where TAGGING.md and JATS4R put it, every
 * document checked against the JATS 1.3 DTD.
 */
import type { PhrasingContent, RootContent } from 'mdast'
import { describe, expect, it } from 'vitest'
import { toXml } from 'xast-util-to-xml'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { articleWithDeclarations, childNames, elementsNamed, makeArticle } from './fixture.ts'

const t = (value: string): PhrasingContent => ({ type: 'text', value })
const para = (value: string): RootContent => ({ type: 'paragraph', children: [t(value)] })
const article = articleWithDeclarations()
const root = toJats(article)
const xml = serializeJats(root)
const [front] = elementsNamed(root, 'front')
const [back] = elementsNamed(root, 'back')

describe('declarations in JATS', () => {
  it('validate against the DTD', () => {
    expect(validateJats(xml, 'declarations.xml')).toEqual([])
  })

  it('puts acknowledgements, statements and appendices in back, before the notes and references', () => {
    expect(childNames(back)).toEqual(['ack', 'sec', 'sec', 'sec', 'app-group', 'fn-group', 'ref-list'])
    expect(toXml(elementsNamed(back, 'ack')[0])).toBe('<ack id="ack"><title>Acknowledgements</title><p>We thank the patient.</p><sec><title>Others</title><p>And the nurses.</p></sec></ack>')
    expect(elementsNamed(back, 'sec').filter((sec) => sec.attributes['sec-type']).map((sec) => [sec.attributes.id, sec.attributes['sec-type']])).toEqual([
      ['data-availability', 'data-availability'], ['ethics-statement', 'ethics-statement'], ['consent-statement', 'consent-statement'],
    ])
    expect(toXml(elementsNamed(back, 'app-group')[0])).toBe('<app-group><app id="app1"><title>Supplementary methods</title><p>Appendix text.</p></app></app-group>')
  })

  it('puts the conflicts of interest and the contributions in author-notes, never in back', () => {
    const [notes] = elementsNamed(front, 'author-notes')
    expect(childNames(notes)).toEqual(['corresp', 'fn', 'fn'])
    expect(toXml(notes.children[1])).toBe('<fn id="coi-statement" fn-type="coi-statement"><p>The authors declare no conflicts of interest.</p></fn>')
    // A note holds paragraphs only: the list stands inside one.
    expect(toXml(notes.children[2])).toBe('<fn id="author-contributions" fn-type="con"><p specific-use="wrapper"><list list-type="bullet"><list-item><p>JC wrote it.</p></list-item></list></p></fn>')
    expect(elementsNamed(back, 'fn').map((fn) => fn.attributes['fn-type'])).toEqual([undefined])
  })

  it('sets funding as article-meta\'s last funding-group: awards with identified funders, then statements', () => {
    const [meta] = elementsNamed(front, 'article-meta')
    expect(childNames(meta).at(-1)).toBe('funding-group')
    expect(toXml(elementsNamed(front, 'funding-group')[0])).toBe('<funding-group><award-group><funding-source><institution-wrap>' +
      '<institution-id institution-id-type="ror">https://ror.org/02mhbdp94</institution-id>' +
      '<institution-id institution-id-type="doi" vocab="open-funder-registry">https://doi.org/10.13039/501100000001</institution-id>' +
      '<institution>Example Foundation</institution></institution-wrap></funding-source><award-id>EX-1</award-id>' +
      '<principal-award-recipient>Josiah Carberry</principal-award-recipient></award-group>' +
      '<funding-statement>Funded by the Example Foundation.</funding-statement><funding-statement>No specific funding.</funding-statement></funding-group>')
  })

  it('gives each contrib its roles, CRediT ones with the vocabulary, others as written', () => {
    const [contrib] = elementsNamed(front, 'contrib')
    expect(elementsNamed(contrib, 'role').map((role) => toXml(role))).toEqual([
      '<role vocab="credit" vocab-identifier="https://credit.niso.org/" vocab-term="Conceptualization" ' +
      'vocab-term-identifier="https://credit.niso.org/contributor-roles/conceptualization/" degree-contribution="lead">Conceptualization</role>',
      '<role>Patient care</role>',
    ])
  })

  it('a funding statement alone, with no author notes or back matter, is valid too', () => {
    const alone = makeArticle({ tree: [para('Text.')], references: [], meta: { funding: [{ statement: 'Funded.', awards: [{ sources: [{ name: 'A funder' }], recipients: [], investigators: [] }] }] } })
    const single = serializeJats(toJats(alone))
    expect(validateJats(single, 'funding.xml')).toEqual([])
    expect(single).toContain('<funding-source>A funder</funding-source>')
  })
})
