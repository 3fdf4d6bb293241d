import { type Token, isChar } from './source-chars.ts'

/** Pandoc attribute blocks: `{#id .class key="value" key=bare}`; `-` is Pandoc's short form of `.unnumbered`. */
export interface Attributes {
  id?: string
  classes: string[]
  values: Record<string, string>
}

const BLOCK = /^\s*\{([^{}]*)\}\s*$/
const TOKEN = /#([\w:.-]+)|\.([\w-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))|(-)/gy

/** Parse a whole `{…}` block; undefined when `text` is not one. */
export function parseAttributes(text: string): Attributes | undefined {
  const block = BLOCK.exec(text)
  if (!block) return undefined
  const attributes: Attributes = { classes: [], values: {} }
  const body = block[1].trim()
  let index = 0
  while (index < body.length) {
    if (/\s/.test(body[index])) { index++; continue }
    TOKEN.lastIndex = index
    const token = TOKEN.exec(body)
    if (!token) return undefined
    if (token[1]) attributes.id = token[1]
    else if (token[2]) attributes.classes.push(token[2])
    else if (token[7]) attributes.classes.push('unnumbered')
    else attributes.values[token[3]] = token[4] ?? token[5] ?? token[6]
    index = TOKEN.lastIndex
  }
  return attributes
}

/** The `{…}` written right at `from` among inline tokens, when it is all unescaped text (a span's, a link's, an image's). */
export function attributeBlock(tokens: readonly Token[], from: number): { text: string; end: number } | undefined {
  if (!isChar(tokens[from], '{')) return undefined
  let text = '{'
  for (let at = from + 1; at < tokens.length; at++) {
    const token = tokens[at]
    if (!('value' in token)) return undefined
    text += token.value
    if (isChar(token, '}')) return { text, end: at + 1 }
  }
  return undefined
}
