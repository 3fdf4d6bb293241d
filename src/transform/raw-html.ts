/**
 * Raw HTML has no place in JATS and is not passed to the page either, so an
 * author who writes some is told it will not appear (comments are the usual
 * way to hide notes, and are dropped quietly).
 */
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn } from '../diagnostics/messages.ts'

export function warnAboutRawHtml(tree: Root, file: VFile): void {
  visit(tree, 'html', (node) => {
    if (/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) return
    const tag = /<\/?[\w-]*/.exec(node.value)?.[0] ?? node.value.trim().slice(0, 20)
    warn(file, `Raw HTML (${tag}…>) is left out of every output: write it in Markdown`, node.position, 'html-dropped')
  })
}
