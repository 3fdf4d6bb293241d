/** HTML formula handlers: temml's MathML, native, in the page; a display equation with its number. */
import type { Root as HastRoot } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { toHast } from 'mdast-util-to-hast'
import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/html/handlers.ts'
import * as fixture from './fixture.ts'

function html(nodes: any[]): string {
  return toHtml(toHast({ type: 'root', children: nodes }, { handlers: createHandlers(fixture.article()) }) as HastRoot)
}

const MATHML = '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mi>x</mi></math>'

describe('HTML formula handlers', () => {
  it('puts an inline formula\'s MathML in the paragraph', () => {
    expect(html([{ type: 'paragraph', children: [{ type: 'inlineMath', value: 'x', data: { mathml: '<math><mi>x</mi></math>', display: false } }] }]))
      .toBe('<p><math><mi>x</mi></math></p>')
  })

  it('sets a numbered equation in a block with its id and number, and a cross-reference to it with the template word', () => {
    expect(html([
      { type: 'equation', value: 'x', identifier: 'eq-x', number: 2, data: { mathml: MATHML, display: true } },
      { type: 'paragraph', children: [{ type: 'crossReference', kind: 'eq', identifier: 'eq-x', number: 2 }] },
    ])).toBe('<div class="equation" id="eq-x"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mi>x</mi></math><span class="equation-number">(2)</span></div>\n<p><a class="xref" href="#eq-x">Eq.\u00a02</a></p>')
  })

  it('shows the TeX, never a blank, when there is no MathML', () => {
    expect(html([{ type: 'math', value: '\\frac{1}{', data: {} }])).toBe('<div class="equation">\\frac{1}{</div>')
  })
})
