/**
 * Pandoc's fenced divs, as a micromark flow construct and the mdast node it
 * becomes (`fencedDiv`, its attributes kept as written for the transform):
 *
 *   ::: {#fig-x layout-ncol=2}        ::: note
 *   …blocks…                          …blocks…
 *   :::                               :::
 *
 * The rules are Pandoc's, as `pandoc -f markdown -t native` reads them
 * (tests/pandoc/fenced-divs.test.ts compares): an opening fence is three or
 * more colons at the margin with `{attributes}` or one bare word, optionally
 * more colons; it never interrupts a paragraph; a closing fence is colons
 * alone, of any length; divs nest, because only an opening fence carries
 * attributes; a fence inside a fenced code block is code; and a div with no
 * closing fence is no div at all, so its lines are read as ordinary text.
 * micromark's directive extension is not used: its `:::name` needs a name and
 * nests only by longer fences.
 */
import type { Extension as FromMarkdownExtension, CompileContext, Token as MdastToken } from 'mdast-util-from-markdown'
import type { Parent } from 'mdast'
import type { Code, Construct, Effects, Extension, ParseContext, State, Token, TokenizeContext } from 'micromark-util-types'

/** A `::: {…}` block: its content is Markdown blocks; `attributes` is the text after the fence. */
export interface FencedDiv extends Parent {
  type: 'fencedDiv'
  attributes: string
  children: Parent['children']
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    fencedDiv: 'fencedDiv'
    fencedDivOpening: 'fencedDivOpening'
    fencedDivClosing: 'fencedDivClosing'
    fencedDivAhead: 'fencedDivAhead'
  }
}

declare module 'mdast' {
  interface RootContentMap {
    fencedDiv: FencedDiv
  }
  interface BlockContentMap {
    fencedDiv: FencedDiv
  }
}

const COLON = 58

/** The attributes of an opening fence (`{#x .y}` or a bare word), or undefined when the line is not one. */
export function openingFence(line: string): string | undefined {
  const match = /^:{3,}[ \t]*(\{.*\}|[^\s{}:]\S*)(?:[ \t]+:*|:*)[ \t]*$/.exec(line)
  return match?.[1]
}

const CLOSING = /^:{3,}[ \t]*$/

/** What the lines read so far leave open inside a div: nested divs, and a code block whose fence hides colons. */
interface Scan {
  depth: number
  code?: { char: string; size: number }
}

/** Advances `scan` past one line of a div's content; true when the line closes the div. */
function closesDiv(scan: Scan, line: string): boolean {
  if (scan.code) {
    const closing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)
    if (closing && closing[1][0] === scan.code.char && closing[1].length >= scan.code.size) scan.code = undefined
    return false
  }
  const code = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)
  if (code && !(code[1][0] === '`' && code[2].includes('`'))) {
    scan.code = { char: code[1][0], size: code[1].length }
    return false
  }
  if (openingFence(line) !== undefined) {
    scan.depth++
    return false
  }
  if (!CLOSING.test(line)) return false
  if (scan.depth === 0) return true
  scan.depth--
  return false
}

/**
 * Characters all the look-aheads of one parse may read in search of closing
 * fences. A letter's divs need a few thousand; a manuscript of unclosed fences
 * would otherwise cost the square of its length. Past it, a fence reads as
 * text, which transform/figures.ts reports as unclosed.
 */
const LOOKAHEAD_BUDGET = 4_000_000
const spent = new WeakMap<ParseContext, { chars: number }>()

function isLineEnding(code: Code): boolean {
  return code !== null && code < -2
}

/** The character a code stands for, as the line's text: a tab is `\t`, its padding (-1) nothing. */
function character(code: Exclude<Code, null>): string {
  if (code === -2) return '\t'
  return code < 0 ? '' : String.fromCharCode(code)
}

const ahead: Construct = { tokenize: tokenizeAhead, partial: true }
const closing: Construct = { tokenize: tokenizeClosing, partial: true }

const fencedDiv: Construct = { name: 'fencedDiv', tokenize: tokenizeFencedDiv, concrete: true }

/** The micromark syntax extension. */
export function fencedDivs(): Extension {
  return { flow: { [COLON]: fencedDiv } }
}

function tokenizeFencedDiv(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  const tail = self.events.at(-1)
  const scan: Scan = { depth: 0 }
  let line = ''
  let previous: Token | undefined
  return start

  function start(code: Code): State | undefined {
    if (self.interrupt || tail?.[1].type === 'linePrefix') return nok(code)
    return effects.check(ahead, open, nok)(code)
  }

  function open(code: Code): State | undefined {
    effects.enter('fencedDiv')
    effects.enter('fencedDivOpening')
    return opening(code)
  }

  function opening(code: Code): State | undefined {
    if (code === null) {
      effects.exit('fencedDivOpening')
      return done(code)
    }
    if (isLineEnding(code)) {
      effects.exit('fencedDivOpening')
      // The look-ahead found the closing fence below.
      effects.enter('lineEnding')
      effects.consume(code)
      effects.exit('lineEnding')
      return lineStart
    }
    effects.consume(code)
    return opening
  }

  function lineStart(code: Code): State | undefined {
    if (scan.depth === 0 && !scan.code) return effects.attempt(closing, done, content)(code)
    return content(code)
  }

  /** Each content line is a chunk of a document of its own, parsed later, as a block quote's content is. */
  function content(code: Code): State | undefined {
    const token = effects.enter('chunkDocument', { contentType: 'document', previous })
    if (previous) previous.next = token
    previous = token
    line = ''
    return inLine(code)
  }

  function inLine(code: Code): State | undefined {
    if (code === null) {
      endChunk()
      return done(code)
    }
    if (isLineEnding(code)) {
      effects.consume(code)
      endChunk()
      closesDiv(scan, line)
      return lineStart
    }
    line += character(code)
    effects.consume(code)
    return inLine
  }

  function endChunk(): void {
    const token = effects.exit('chunkDocument')
    // The nested document must not take its own lines for lazy continuations of an outer paragraph.
    self.parser.lazy[token.start.line] = false
  }

  function done(code: Code): State | undefined {
    effects.exit('fencedDiv')
    return ok(code)
  }
}

/** Succeeds when the line is a closing fence, consuming it. */
function tokenizeClosing(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let line = ''
  return start

  function start(code: Code): State | undefined {
    if (code !== COLON) return nok(code)
    effects.enter('fencedDivClosing')
    return inLine(code)
  }

  function inLine(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) {
      if (!CLOSING.test(line)) return nok(code)
      effects.exit('fencedDivClosing')
      return ok(code)
    }
    line += character(code)
    effects.consume(code)
    return inLine
  }
}

/** Reads ahead from an opening fence; succeeds when a closing fence for it follows, before the container ends. */
function tokenizeAhead(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  const budget = spent.get(self.parser) ?? { chars: 0 }
  spent.set(self.parser, budget)
  const scan: Scan = { depth: 0 }
  let line = ''
  let first = true
  return start

  function start(code: Code): State | undefined {
    // A check keeps nothing it read; the token only holds it meanwhile.
    effects.enter('fencedDivAhead')
    return inLine(code)
  }

  function inLine(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) {
      if (first ? openingFence(line) === undefined : closesDiv(scan, line)) return finish(code, !first)
      first = false
      budget.chars += line.length + 1
      if (code === null || budget.chars > LOOKAHEAD_BUDGET) return finish(code, false)
      line = ''
      effects.consume(code)
      return lineStart
    }
    line += character(code)
    effects.consume(code)
    return inLine
  }

  function lineStart(code: Code): State | undefined {
    // A lazy line belongs to a paragraph outside: the container holding the div ended.
    if (self.parser.lazy[self.now().line]) return finish(code, false)
    return inLine(code)
  }

  function finish(code: Code, found: boolean): State | undefined {
    effects.exit('fencedDivAhead')
    return found ? ok(code) : nok(code)
  }
}

/** The mdast-util-from-markdown extension: `fencedDiv` nodes holding the blocks inside. */
export function fencedDivsFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      fencedDiv(this: CompileContext, token: MdastToken) {
        this.enter({ type: 'fencedDiv', attributes: '', children: [] } as FencedDiv as never, token)
      },
    },
    exit: {
      fencedDivOpening(this: CompileContext, token: MdastToken) {
        const node = this.stack.at(-1) as unknown as FencedDiv
        node.attributes = openingFence(this.sliceSerialize(token)) ?? ''
      },
      fencedDiv(this: CompileContext, token: MdastToken) {
        this.exit(token)
      },
    },
  }
}
