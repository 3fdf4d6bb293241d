import { describe, expect, it } from 'vitest'
import { toXml } from 'xast-util-to-xml'
import { back } from '../../src/jats/back.ts'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import type { SupplementaryFile } from '../../src/types.ts'
import { bodyState, elementsNamed, letterTree, makeArticle } from './fixture.ts'

const files: SupplementaryFile[] = [
  { id: 'supp1', from: '/m/supplementary/doses S1.csv', to: 'supplementary/doses S1.csv', href: 'supplementary/doses%20S1.csv', mediaType: 'text/csv', caption: [{ type: 'text', value: 'Table S1' }] },
  { id: 'supp2', from: '/m/video.mp4', to: 'video.mp4', href: 'video.mp4', mediaType: 'video/mp4', caption: [{ type: 'emphasis', children: [{ type: 'text', value: 'Dermoscopy' }] }] },
]

const article = makeArticle({
  supplementary: files,
  tree: [...letterTree, {
    type: 'paragraph',
    children: [{ type: 'text', value: 'Doses are in ' }, { type: 'supplementaryLink', identifier: 'supp1', href: 'supplementary/doses%20S1.csv', children: [{ type: 'text', value: 'Table S1' }] }, { type: 'text', value: '.' }],
  }],
})

describe('supplementary material in JATS', () => {
  it('points each link at its file with an xref', () => {
    const body = elementsNamed(toJats(article), 'body')[0]
    expect(elementsNamed(body, 'xref').filter((xref) => xref.attributes['ref-type'] === 'supplementary-material').map((xref) => toXml(xref)))
      .toEqual(['<xref ref-type="supplementary-material" rid="supp1">Table S1</xref>'])
  })

  it('lists every file in a supplementary-material section of back, before the notes, with media type and caption', () => {
    expect(toXml(back(bodyState(article))!)).toMatch(new RegExp('^<back><sec sec-type="supplementary-material"><title>Supplementary material</title>' +
      '<supplementary-material id="supp1" xlink:href="supplementary/doses%20S1.csv" mimetype="text" mime-subtype="csv"><caption><title>Table S1</title></caption></supplementary-material>' +
      '<supplementary-material id="supp2" xlink:href="video.mp4" mimetype="video" mime-subtype="mp4"><caption><title><italic>Dermoscopy</italic></title></caption></supplementary-material>' +
      '</sec><fn-group>'))
  })

  it('is valid against the DTD, subfigures included', () => {
    const xml = serializeJats(toJats(article))
    expect(xml).toContain('<fig-group id="fig-scope" position="float">')
    expect(validateJats(xml, 'supplementary.xml')).toEqual([])
  })

  it('leaves back without the section when nothing is linked', () => {
    expect(elementsNamed(back(bodyState())!, 'supplementary-material')).toEqual([])
  })
})
