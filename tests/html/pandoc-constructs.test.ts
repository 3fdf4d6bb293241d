/**
 * The HTML of Pandoc's definition lists, line blocks and spans, as Pandoc's
 * HTML writer sets them; each read by Galley as `pandoc -t json` reads it
 * (tests/pandoc/constructs.ts).
 */
import type { Root as HastRoot } from 'hast'
import { toHast } from 'mdast-util-to-hast'
import { describe, expect, it } from 'vitest'
import { hastOptions } from '../../src/html/handlers.ts'
import { galleyReading, galleyTree, pandocReading } from '../pandoc/constructs.ts'
import * as fixture from './fixture.ts'
import { html } from './util.ts'

function page(markdown: string): string {
  expect(galleyReading(markdown)).toEqual(pandocReading(markdown))
  const tree = galleyTree(markdown)
  return html(toHast(tree, hastOptions(fixture.article())) as HastRoot)
}

describe('Pandoc constructs in HTML', () => {
  it('sets a definition list as <dl>, a tight description bare and a description of paragraphs as <p>s', () => {
    expect(page('Term 1\n:   Definition 1\n\nTerm 2\n~   First\n\n    Second\n')).toBe(
      '<dl>\n<dt>Term 1</dt>\n<dd>Definition 1\n</dd>\n<dt>Term 2</dt>\n<dd>\n<p>First</p>\n<p>Second</p>\n</dd>\n</dl>')
  })

  it('sets a line block as Pandoc does: one div, a <br> between lines', () => {
    expect(page('| The limerick packs\n|   laughs *anatomical*\n')).toBe(
      '<div class="line-block">The limerick packs<br>\n\u00a0\u00a0laughs <em>anatomical</em></div>')
  })

  it('sets spans as <span class="smallcaps">, <u> and <mark>, an id on the outermost', () => {
    expect(page('[a]{.smallcaps} [b]{.underline} [c]{.mark} [d]{#x .smallcaps .underline} [e]{#y .foo}\n')).toBe(
      '<p><span class="smallcaps">a</span> <u>b</u> <mark>c</mark> <span class="smallcaps" id="x"><u>d</u></span> <span id="y">e</span></p>')
  })

  it('gives a link its id, and an inline image its id and size as Pandoc\'s HTML writer does', () => {
    expect(page('[b](https://x.org){#l} ![c](c.png){#i width=2em height=30}\n')).toBe(
      '<p><a href="https://x.org" id="l">b</a> <img src="c.png" alt="c" id="i" height="30" style="width:2em"></p>')
  })
})
