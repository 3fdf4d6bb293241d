/**
 * Quarto's shortcodes, `{{< name … >}}`, which Quarto expands before Pandoc
 * reads the file. Galley expands none: a paragraph of `{{< pagebreak >}}`
 * alone is left out (the journal's template sets the pages), and every other
 * (meta, var, include, video …) is printed as written, as Pandoc would print
 * it; each with a warning. An escaped one, `{{{< name >}}}`, is text to
 * Quarto too.
 */
import type { Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { warn } from '../diagnostics/messages.ts'

const SHORTCODE = /(?<!\{)\{\{<\s*([\w-]+)[^>]*>\}\}(?!\})/g
const PAGE_BREAK = /^\{\{<\s*pagebreak\s*>\}\}$/

export function readShortcodes(tree: Root, file: VFile): void {
  const source = String(file.value)
  const place = location(file)
  visit(tree, 'paragraph', (node, index, parent) => {
    const { start, end } = node.position ?? {}
    if (start?.offset === undefined || end?.offset === undefined || !parent || index === undefined) return
    const written = source.slice(start.offset, end.offset)
    if (!written.includes('{{<')) return SKIP
    if (PAGE_BREAK.test(written.trim())) {
      warn(file, 'Galley does not expand Quarto\'s {{< pagebreak >}}: the journal\'s template sets the pages, so it is left out', start, 'shortcode-unsupported')
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
    for (const found of written.matchAll(SHORTCODE)) {
      warn(file, `Galley does not expand Quarto's {{< ${found[1]} >}} shortcode: it is printed as written (render with Quarto to Markdown first, or write what it stands for)`,
        place.toPoint(start.offset + found.index!), 'shortcode-unsupported')
    }
    return SKIP
  })
}
