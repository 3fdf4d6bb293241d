import type { Root } from 'hast'
import { h } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { hyphenateNodes, hyphenatorFor, keepMinimums, SOFT_HYPHEN } from '../../src/html/hyphenate.ts'
import { html } from './util.ts'

const S = SOFT_HYPHEN

describe('hyphenateNodes', () => {
  it('hyphenates running text but not links, marks or other languages', () => {
    const tree: Root = { type: 'root', children: [h('p', [
      'scarce',
      h('a', { href: '#B1' }, 'scarce'),
      h('sup', 'scarce'),
      h('em', 'scarce'),
      h('span', { lang: 'es' }, 'scarce'),
    ])] }
    hyphenateNodes(tree.children, (text) => text.replace('scarce', `scar${S}ce`))
    expect(html(tree)).toBe(`<p>scar${S}ce<a href="#B1">scarce</a><sup>scarce</sup><em>scar${S}ce</em>` +
      '<span lang="es">scarce</span></p>')
  })
})

describe('keepMinimums', () => {
  it('keeps two letters before a break and three after it', () => {
    expect(keepMinimums(`a${S}bout${S}ed`)).toBe('about' + 'ed')
    expect(keepMinimums(`de${S}scrip${S}tions`)).toBe(`de${S}scrip${S}tions`)
    expect(keepMinimums(`cal${S}ci${S}fi${S}ca${S}tion${S}s`)).toBe(`cal${S}ci${S}fi${S}ca${S}tions`)
  })
})

// The patterns come from the optional `hyphen` package; without it the page is left unhyphenated.
describe.skipIf(!hyphenatorFor('en'))('hyphenatorFor with the hyphen package', () => {
  it('breaks long English words and leaves short ones, URLs are the caller\'s to skip', () => {
    const hyphenate = hyphenatorFor('en-GB')!
    expect(hyphenate('Descriptions of facial calcinosis are scarce.').replaceAll(S, '-'))
      .toBe('De-scrip-tions of fa-cial cal-ci-nosis are scarce.')
  })
})
