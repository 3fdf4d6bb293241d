/**
 * Pandoc's `smart` extension, on by default in its Markdown: straight quotes
 * become curly ones, `--` an en dash, `---` an em dash and `...` an
 * ellipsis, in text only (never in code, math or URLs), and never where the
 * character was escaped (`\"`, `\-`). The rules are Pandoc's own
 * (tests/pandoc/smart-punctuation.test.ts holds the cases against Pandoc):
 *
 * - `"` opens a quote when no double quote is open and a non-space follows;
 *   any other `"` closes one. An opening quote never closed stays opening.
 * - `'` opens a quote when no single quote is open, it does not follow a
 *   letter or digit, a non-space follows, and a later `'` that no letter or
 *   digit follows can close it; otherwise it is an apostrophe, as in "don't".
 *   Neither quote opens right after a word, or after emphasis (`*a*'s`).
 * - The spaces after an abbreviation ("Dr.", "pp.", "e.g.") become one
 *   no-break space, so that "pp. 3" never breaks across lines.
 *
 * Written by hand rather than taken from retext-smartypants: that reads
 * quotes by SmartyPants' rules, not Pandoc's, cannot see escapes, and would
 * load a natural-language parser into every start. It runs after every
 * transform that reads the manuscript's characters, since a dash made of
 * three is one character in the text but three in the file.
 */
import type { Parent, PhrasingContent, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Citation, CitationItem } from '../types.ts'
import { type SourceChar, type Token, isChar, rebuild, tokensOf } from './source-chars.ts'

const CANDIDATE = /["']|--|\.\.\.|\. /
const WORD = /[\p{L}\p{N}]/u

/**
 * Pandoc's list of abbreviations after which a space does not break
 * (its data/abbreviations, GPL-2.0-or-later, John MacFarlane); matched with
 * case, so "fig." is one and "Fig." is not, as in Pandoc.
 */
const ABBREVIATIONS = new Set(('aet. aetat. al. Apr. Aug. bk. Bros. c. Capt. cf. ch. chap. chs. Co. col. Corp. cp. d. Dec. Dr. e.g. ed. eds. esp. ' +
  'f. fasc. Feb. ff. fig. fl. fol. fols. Fr. Gen. Gov. Hon. i.e. ill. Inc. incl. Jan. Jr. Jul. Jun. Ltd. M.A. M.D. Mar. Mr. Mrs. Ms. n. n.b. ' +
  'nn. No. Nov. Oct. p. Ph.D. pp. Pres. Prof. pt. q.v. Rep. Rev. s.v. s.vv. saec. sec. Sen. Sep. Sept. Sgt. Sr. St. univ. viz. vol. vs.').split(' '))

export function smartenPunctuation(tree: Root | Parent, file: VFile): void {
  visit(tree, (node) => {
    if (node.type === 'citation') for (const item of (node as Citation).items) smartenCitationItem(item, file)
    if (!('children' in node) || !node.children.some((child) => child.type === 'text' && CANDIDATE.test(child.value))) return
    const parent = node as Parent
    const tokens = tokensOf(parent.children as PhrasingContent[], file)
    if (smarten(tokens)) parent.children = rebuild(tokens)
  })
}

/** A citation's prefix and suffix are Markdown too ("pp. 33--35"), and its locator is read from the suffix. */
function smartenCitationItem(item: CitationItem, file: VFile): void {
  for (const key of ['prefix', 'suffix', 'afterNumber'] as const) {
    const holder: Parent = { type: 'paragraph', children: item[key] ?? [] }
    smartenPunctuation(holder, file)
    if (item[key]) item[key] = holder.children as PhrasingContent[]
  }
  if (item.locator) {
    const tokens: Token[] = [...item.locator.value].map((value) => ({ value, escaped: false }))
    if (smarten(tokens)) item.locator = { ...item.locator, value: tokens.map((token) => (token as SourceChar).value).join('') }
  }
}

/** Replaces quotes, dashes and ellipses among the tokens, in place; whether any was. */
function smarten(tokens: Token[]): boolean {
  let changed = false
  let openDouble = false
  let openSingle = -1
  const set = (at: number, value: string, width = 1) => {
    tokens.splice(at, width, { ...(tokens[at] as SourceChar), value })
    changed = true
  }
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]
    if (isChar(token, '-') && isChar(tokens[at + 1], '-')) {
      const em = isChar(tokens[at + 2], '-')
      set(at, em ? '\u2014' : '\u2013', em ? 3 : 2)
    } else if (isChar(token, '.') && isChar(tokens[at + 1], '.') && isChar(tokens[at + 2], '.')) {
      set(at, '\u2026', 3)
    } else if (isChar(token, ' ') && isChar(tokens[at - 1], '.') && ABBREVIATIONS.has(wordBefore(tokens, at)) && at + 1 < tokens.length) {
      let spaces = 1
      while (isChar(tokens[at + spaces], ' ')) spaces++
      if (at + spaces < tokens.length) set(at, '\u00a0', spaces)
    } else if (isChar(token, '"')) {
      const opens: boolean = !openDouble && !followsWord(tokens[at - 1]) && startsWord(tokens[at + 1])
      set(at, opens ? '\u201c' : '\u201d')
      openDouble = opens
    } else if (isChar(token, "'")) {
      if (openSingle >= 0 && !isWordChar(tokens[at + 1])) {
        set(at, '\u2019')
        openSingle = -1
      } else if (openSingle < 0 && !followsWord(tokens[at - 1]) && startsWord(tokens[at + 1]) && closingQuote(tokens, at + 2) >= 0) {
        set(at, '\u2018')
        openSingle = at
      } else {
        set(at, '\u2019')
      }
    }
  }
  return changed
}

/** Where a `'` could close a single quote opened before `from`: one that no letter or digit follows. */
function closingQuote(tokens: readonly Token[], from: number): number {
  for (let at = from; at < tokens.length; at++) if (isChar(tokens[at], "'") && !isWordChar(tokens[at + 1])) return at
  return -1
}

/** The letters and dots written right before `at`: a word ending in a full stop. */
function wordBefore(tokens: readonly Token[], at: number): string {
  let word = ''
  for (let back = at - 1; back >= 0; back--) {
    const token = tokens[back]
    if (!('value' in token) || !/[\p{L}.]/u.test(token.value)) break
    word = token.value + word
  }
  return word
}

/** A letter or digit, or emphasis: Pandoc counts both as the word a quote would follow. */
const followsWord = (token: Token | undefined): boolean => isWordChar(token) || (token !== undefined && 'node' in token && (token.node.type === 'emphasis' || token.node.type === 'strong'))

/** Something not a space: a character, or an inline node (emphasis, a link, code). */
const startsWord = (token: Token | undefined): boolean => token !== undefined && (!('value' in token) || !/\s/.test(token.value))

const isWordChar = (token: Token | undefined): boolean => token !== undefined && 'value' in token && WORD.test(token.value)
