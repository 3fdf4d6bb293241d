/**
 * The JATS of Pandoc's definition lists, line blocks and spans: each read
 * from Markdown by Galley's parse and transforms, its structure the one
 * `pandoc -t json` reads (tests/pandoc/constructs.ts), set as JATS 1.3 has it.
 */
import { describe, expect, it } from 'vitest'
import { galleyReading, galleyTree, pandocReading } from '../pandoc/constructs.ts'
import { jatsOf } from './fixture.ts'

function jats(markdown: string): string {
  expect(galleyReading(markdown)).toEqual(pandocReading(markdown))
  const tree = galleyTree(markdown)
  return tree.children.map((node) => jatsOf(node)).join('')
}

describe('Pandoc constructs in JATS', () => {
  it('sets a definition list as <def-list>, one <def-item> per term, each description a <def> of paragraphs', () => {
    expect(jats('Term 1\n:   Definition 1\n\nTerm 2\n~   First\n\n    Second\n: Another\n')).toBe(
      '<def-list><def-item><term>Term 1</term><def><p>Definition 1</p></def></def-item>' +
      '<def-item><term>Term 2</term><def><p>First</p><p>Second</p></def><def><p>Another</p></def></def-item></def-list>')
  })

  it('puts a list in a description inside a wrapper paragraph, as <def> holds paragraphs only', () => {
    expect(jats('Term\n:   Definition\n\n    - one\n')).toBe(
      '<def-list><def-item><term>Term</term><def><p>Definition</p><p specific-use="wrapper"><list list-type="bullet"><list-item><p>one</p></list-item></list></p></def></def-item></def-list>')
  })

  it('sets a line block as <verse-group>, a <verse-line> per line, indents kept', () => {
    expect(jats('| The limerick packs\n|   laughs *anatomical*\n')).toBe(
      '<verse-group><verse-line>The limerick packs</verse-line><verse-line>\u00a0\u00a0laughs <italic>anatomical</italic></verse-line></verse-group>')
  })

  it('sets .smallcaps, .underline and .mark spans as <sc>, <underline> and Pandoc\'s named-content, nested as written', () => {
    expect(jats('[a]{.smallcaps} [b]{.underline} [c]{.mark} [d]{.smallcaps .underline} [e]{#x}\n')).toBe(
      '<p><sc>a</sc> <underline>b</underline> <named-content content-type="mark">c</named-content> <sc><underline>d</underline></sc> <styled-content id="x">e</styled-content></p>')
  })

  it('puts a span\'s id on its outermost element, and a link\'s and an inline image\'s on theirs', () => {
    expect(jats('[a]{#s .smallcaps .underline} [b](https://x.org){#l} ![c](c.png){#i width=2em}\n')).toBe(
      '<p><sc id="s"><underline>a</underline></sc> <ext-link id="l" ext-link-type="uri" xlink:href="https://x.org">b</ext-link> <inline-graphic id="i" xlink:href="c.png"><alt-text>c</alt-text></inline-graphic></p>')
  })
})
