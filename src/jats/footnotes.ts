/** Footnotes, numbered by the transform stage, set as `<fn-group>` in back. */
import type { Element } from 'xast'
import { x } from 'xastscript'
import { unlessEmpty } from './elements.ts'
import type { State } from './state.ts'

export function footnoteGroup(state: State): Element | undefined {
  const notes = [...state.footnotes.values()].map((footnote) =>
    x('fn', { id: footnote.id }, x('label', {}, String(footnote.number)), state.all(footnote.definition)))
  return unlessEmpty(x('fn-group', {}, notes))
}
