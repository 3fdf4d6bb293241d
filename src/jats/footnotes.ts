/** Footnotes, numbered by the transform stage, set as `<fn-group>` in back. */
import type { Element } from 'xast'
import { x } from 'xastscript'
import { unlessEmpty, wrapBlocks } from './elements.ts'
import type { State } from './state.ts'

/** `<fn>` holds only paragraphs: a list or code in a note is wrapped in one. */
const FN_BLOCKS = new Set(['p'])

export function footnoteGroup(state: State): Element | undefined {
  const notes = [...state.footnotes.values()].map((footnote) =>
    x('fn', { id: footnote.id }, x('label', {}, String(footnote.number)), wrapBlocks(state.all(footnote.definition), FN_BLOCKS)))
  return unlessEmpty(x('fn-group', {}, notes))
}
