/**
 * Pandoc's `raw_tex`: in Markdown text, `\newpage`, `\noindent`,
 * `\cite{key}` or a `\begin{center}` … `\end{center}` environment is raw
 * LaTeX, which Pandoc passes to LaTeX output and leaves out of every other.
 * Galley writes no LaTeX, so it is left out, with a warning where it was
 * (without one, `\newpage` printed as a word). A command is a backslash and
 * letters, then any `{…}` or `[…]` arguments; one without arguments takes the
 * spaces after it, as Pandoc's does. An escaped backslash (`\\`) is text.
 * It runs after the transforms that read citations and cross-references, and
 * before smart punctuation, as text with a command taken out no longer lines
 * up with the file.
 */
import type { Parent, PhrasingContent, Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { type SourceChar, type Token, isChar, rebuild, tokensOf } from './source-chars.ts'
import { warn } from '../diagnostics/messages.ts'

const COMMAND = /\\[A-Za-z]/

export function dropRawTex(tree: Root, file: VFile): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml' || node.type === 'html') return SKIP
    if (!('children' in node) || !node.children.some((child) => child.type === 'text' && COMMAND.test(child.value))) return
    const holder = node as Parent
    const tokens = tokensOf(holder.children as PhrasingContent[], file)
    if (!dropCommands(tokens, file)) return
    holder.children = rebuild(tokens)
    // A paragraph that held only LaTeX (`\newpage`) goes with it, as Pandoc reads it as a raw block.
    const empty = holder.children.every((child) => child.type === 'text' && child.value.trim() === '')
    if (empty && node.type === 'paragraph' && parent && index !== undefined) {
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
  })
}

/** Takes each command (and environment) out of the tokens, warning at each; whether any was. */
function dropCommands(tokens: Token[], file: VFile): boolean {
  let dropped = false
  for (let at = 0; at < tokens.length; at++) {
    if (!isChar(tokens[at], '\\') || !isLetter(tokens[at + 1])) continue
    let end = at + 1
    while (isLetter(tokens[end])) end++
    const name = chars(tokens, at + 1, end)
    const argumentsStart = end
    // An argument that never closes makes it no command, to Pandoc: the text stays.
    if (isChar(tokens[end], '{') && afterGroup(tokens, end) === end) continue
    end = afterArguments(tokens, end)
    if (name === 'begin') end = afterEnvironmentEnd(tokens, end, chars(tokens, argumentsStart + 1, afterGroup(tokens, argumentsStart) - 1))
    else if (end === argumentsStart) while (isChar(tokens[end], ' ')) end++
    const written = chars(tokens, at, end).trim()
    warn(file, `This LaTeX (${written.length > 40 ? `${written.slice(0, 40)}…` : written}) is for LaTeX output, which Galley does not write: it is left out, as Pandoc leaves it out of HTML (write \\\\ for a backslash)`,
      'value' in tokens[at] ? (tokens[at] as SourceChar).point : undefined, 'raw-dropped')
    tokens.splice(at, end - at)
    at--
    dropped = true
  }
  return dropped
}

/** Past the `{…}` and `[…]` groups written right after a command. */
function afterArguments(tokens: readonly Token[], from: number): number {
  let at = from
  for (let next = afterGroup(tokens, at); next > at; next = afterGroup(tokens, at)) at = next
  return at
}

/** Past one `{…}` or `[…]` at `at`, brackets balanced; `at` when there is none, or it never closes. */
function afterGroup(tokens: readonly Token[], at: number): number {
  const open = isChar(tokens[at], '{') ? '{' : isChar(tokens[at], '[') ? '[' : undefined
  if (!open) return at
  const close = open === '{' ? '}' : ']'
  let depth = 0
  for (let end = at; end < tokens.length; end++) {
    if (isChar(tokens[end], open)) depth++
    else if (isChar(tokens[end], close) && --depth === 0) return end + 1
  }
  return at
}

/** Past the `\end{name}` closing an environment; the rest of the text when none does. */
function afterEnvironmentEnd(tokens: readonly Token[], from: number, name: string): number {
  const closing = `\\end{${name}}`
  for (let at = from; at < tokens.length; at++) {
    if (isChar(tokens[at], '\\') && chars(tokens, at, at + closing.length) === closing) return at + closing.length
  }
  return tokens.length
}

function chars(tokens: readonly Token[], from: number, to: number): string {
  return tokens.slice(from, to).map((token) => ('value' in token ? token.value : '')).join('')
}

const isLetter = (token: Token | undefined): boolean => isChar(token) && /^[A-Za-z]$/.test(token.value)

