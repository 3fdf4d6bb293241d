/**
 * A page range, expanded once for every output: "455-62" is pages 455 to
 * 462, whether the JATS writes `<lpage>`, the HTML head `citation_lastpage`
 * or the journal line "760–762".
 */
import type { PageRange } from '../types.ts'

const EN_DASH = '\u2013'
/** Hyphen, the Unicode dashes and minus, with spaces or not; BibTeX's `--` too. */
const DASHES = /\s*[-\u2010-\u2015\u2212]+\s*/

/**
 * "455-462" and "455–62" → 455 to 462; "S10-12" → S10 to S12; "e0042" → e0042
 * alone (as a page; see `articleNumber` for a work's article number). Of a list ("1-5, 10") only the first range counts, as in JATS's fpage/lpage.
 */
export function pageRange(page: string | number | undefined): PageRange | undefined {
  const [first, last] = String(page ?? '').split(',')[0].split(DASHES).map((part) => part.trim())
  if (!first) return undefined
  const expanded = last ? expandLast(first, last) : undefined
  if (!expanded || expanded === first) return { first, display: first }
  return { first, last: expanded, display: `${first}${EN_DASH}${expanded}` }
}

/** The last page in full: its missing leading digits (and prefix) come from the first page. */
function expandLast(first: string, last: string): string {
  const start = /^(\D*)(\d+)$/.exec(first)
  const end = /^(\D*)(\d+)$/.exec(last)
  if (!start || !end || (end[1] && end[1] !== start[1])) return last
  const [, prefix, digits] = start
  const tail = end[2]
  const full = tail.length < digits.length ? digits.slice(0, digits.length - tail.length) + tail : tail
  return `${prefix}${full}`
}

/**
 * An article number written where the pages go: `e0042`, or ASM's
 * `e00120-20` (its `-20` is the year, not a last page). Such a work has no
 * pages, so it is never split into a first and a last one. A range of
 * electronic pages (`e12-e15`) is still a range.
 */
export function articleNumber(page: string | number | undefined): string | undefined {
  const value = String(page ?? '').trim()
  return /^e\d+$/i.test(value) || /^e0\d+-\d+$/i.test(value) ? value : undefined
}
