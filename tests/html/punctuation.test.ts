import type { Element, ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { placeCitations } from '../../src/html/punctuation.ts'
import { html } from './util.ts'

const mark = (n: number, style: 'superscript' | 'bracket'): Element =>
  h('span', { className: ['citation'] }, style === 'superscript' ? [h('sup', String(n))] : [`[${n}]`])

function sentence(style: 'superscript' | 'bracket', ...children: Array<string | number>): Root {
  const content: ElementContent[] = children.map((child) =>
    typeof child === 'number' ? mark(child, style) : { type: 'text', value: child })
  return { type: 'root', children: [h('p', content)] }
}

describe('placeCitations', () => {
  it('after-punctuation: moves the mark after the full stop and drops the space', () => {
    const tree = placeCitations(sentence('superscript', 'very scarce ', 1, '.\nWe describe'),
      { style: 'superscript', placement: 'after-punctuation' })
    expect(html(tree)).toBe('<p>very scarce.<span class="citation"><sup>1</sup></span>\nWe describe</p>')
  })

  it('after-punctuation: moves a narrative number after the comma (Callen and Wortmann,⁴ the …)', () => {
    const tree = placeCitations(sentence('superscript', 'According to ', 'Callen and Wortmann', 4, ', the course'),
      { style: 'superscript', placement: 'after-punctuation' })
    expect(html(tree)).toBe('<p>According to Callen and Wortmann,<span class="citation"><sup>4</sup></span> the course</p>')
  })

  it('after-punctuation: does not double a full stop ("Muro et al.⁵", not "et al..⁵")', () => {
    const tree = placeCitations(sentence('superscript', 'and ', 'Muro et al.', 5, '. Next'),
      { style: 'superscript', placement: 'after-punctuation' })
    expect(html(tree)).toBe('<p>and Muro et al.<span class="citation"><sup>5</sup></span> Next</p>')
  })

  it('after-punctuation: moves a run of punctuation and works inside nested elements', () => {
    const root: Root = { type: 'root', children: [h('div', [h('p', ['scarce ', mark(2, 'superscript'), ';: next'])])] }
    placeCitations(root, { style: 'superscript', placement: 'after-punctuation' })
    expect(html(root)).toBe('<div><p>scarce;:<span class="citation"><sup>2</sup></span> next</p></div>')
  })

  it('after-punctuation: a mark with no text before it still gets the punctuation before it', () => {
    const tree = placeCitations(sentence('superscript', 1, '.'), { style: 'superscript', placement: 'after-punctuation' })
    expect(html(tree)).toBe('<p>.<span class="citation"><sup>1</sup></span></p>')
  })

  it('leaves other punctuation (parentheses, question marks) where it is', () => {
    const tree = placeCitations(sentence('superscript', 'in DM ', 1, ') and'),
      { style: 'superscript', placement: 'after-punctuation' })
    expect(html(tree)).toBe('<p>in DM<span class="citation"><sup>1</sup></span>) and</p>')
  })

  it('before-punctuation: keeps the author order for brackets ("scarce [1].")', () => {
    const tree = placeCitations(sentence('bracket', 'very scarce ', 1, '. We'),
      { style: 'bracket', placement: 'before-punctuation' })
    expect(html(tree)).toBe('<p>very scarce <span class="citation">[1]</span>. We</p>')
  })

  it('before-punctuation: a superscript still hugs its word ("scarce¹.")', () => {
    const tree = placeCitations(sentence('superscript', 'very scarce ', 1, '. We'),
      { style: 'superscript', placement: 'before-punctuation' })
    expect(html(tree)).toBe('<p>very scarce<span class="citation"><sup>1</sup></span>. We</p>')
  })

  it('after-punctuation with brackets: moves the mark and drops the space ("scarce.[1]")', () => {
    const tree = placeCitations(sentence('bracket', 'very scarce ', 1, '. We'),
      { style: 'bracket', placement: 'after-punctuation' })
    expect(html(tree)).toBe('<p>very scarce.<span class="citation">[1]</span> We</p>')
  })
})
