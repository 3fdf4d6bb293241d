/**
 * Soft hyphens in the print page's markup only: the columns get their breaks and the HTML file
 * keeps clean words (see hyphenate.ts for why Galley hyphenates itself). Put into the tree the
 * print page is written from (render.ts), before Chromium lays it out once.
 */
import type { Element, Root } from 'hast'
import { hyphenatorFor } from './hyphenate.ts'

/** The running text: the letter's body sections. */
const SCOPE = 'body'
/**
 * Where a word may not break: links (URLs, DOIs), marks, code, formulas, ragged captions and
 * headings, and tables (soft hyphens would shrink their columns' minimum width).
 */
const SKIP = new Set(['a', 'sup', 'sub', 'code', 'pre', 'kbd', 'samp', 'math', 'figcaption', 'table', 'script', 'style', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** Hyphenates the running text of `tree` in place, each passage with its own language's patterns. */
export function hyphenateTree(tree: Root): void {
  walk(tree, '', false, false)
}

/**
 * `lang`: the nearest `lang` attribute around the node; `inScope`: inside an element of class
 * SCOPE; `skipped`: inside an element of SKIP.
 */
function walk(parent: Root | Element, lang: string, inScope: boolean, skipped: boolean): void {
  joinTexts(parent)
  for (const node of parent.children) {
    if (node.type === 'text') {
      if (!inScope || skipped || parent.type !== 'element') continue
      const hyphenated = hyphenatorFor(lang)?.(node.value)
      if (hyphenated !== undefined) node.value = hyphenated
    } else if (node.type === 'element') {
      const own = node.properties.lang
      const className = node.properties.className
      walk(
        node,
        typeof own === 'string' ? own : lang,
        inScope || (Array.isArray(className) && className.includes(SCOPE)),
        skipped || SKIP.has(node.tagName),
      )
    }
  }
}

/** Text nodes side by side made one, as the browser's parser makes them: a word may span them. */
function joinTexts(parent: Root | Element): void {
  const children = parent.children
  for (let index = children.length - 1; index > 0; index--) {
    const [before, node] = [children[index - 1], children[index]]
    if (before.type === 'text' && node.type === 'text') {
      before.value += node.value
      children.splice(index, 1)
    }
  }
}
