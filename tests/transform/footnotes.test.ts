import type { FootnoteDefinition, FootnoteReference, Paragraph, Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { numberFootnotes } from '../../src/transform/footnotes.ts'

const ref = (identifier: string): FootnoteReference => ({ type: 'footnoteReference', identifier, label: identifier })
const para = (...children: Paragraph['children']): Paragraph => ({ type: 'paragraph', children })
const note = (identifier: string, ...children: Paragraph['children']): FootnoteDefinition =>
  ({ type: 'footnoteDefinition', identifier, label: identifier, children: [para(...children)] })

describe('numberFootnotes', () => {
  it('numbers notes in order of first reference in the text, then those only notes refer to', () => {
    const tree: Root = {
      type: 'root',
      children: [
        note('a', { type: 'text', value: 'A, see ' }, ref('c')),
        para(ref('b'), { type: 'text', value: ' then ' }, ref('a'), ref('b')),
        note('b', { type: 'text', value: 'B.' }),
        note('c', { type: 'text', value: 'C.' }),
        note('unused', { type: 'text', value: 'Never referred to.' }),
      ],
    }
    const footnotes = numberFootnotes(tree)
    expect(footnotes.map(({ identifier, number, id }) => ({ identifier, number, id }))).toEqual([
      { identifier: 'b', number: 1, id: 'fn1' },
      { identifier: 'a', number: 2, id: 'fn2' },
      { identifier: 'c', number: 3, id: 'fn3' },
    ])
    expect(footnotes[1].definition).toBe(tree.children[0])
  })

  it('gives a reference to no definition no number, and the first of two definitions wins', () => {
    const first = note('x', { type: 'text', value: 'first' })
    const tree: Root = { type: 'root', children: [para(ref('nothing'), ref('x')), first, note('x', { type: 'text', value: 'second' })] }
    expect(numberFootnotes(tree).map(({ number, definition }) => ({ number, definition }))).toEqual([{ number: 1, definition: first }])
  })
})
