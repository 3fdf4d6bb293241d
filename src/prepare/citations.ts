/**
 * The manuscript's citations, read once the same way by the build and by
 * `galley refs`: Pandoc's inline notes, then subscripts and superscripts
 * (they split text), then the citation grammar in the body and the title, then `nocite`.
 * Items come in the order the document is read.
 */
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { cslLocale } from '../citations/format.ts'
import { locatorTerms } from '../citations/locator.ts'
import { readNoCite } from '../citations/nocite.ts'
import { citationsInReadingOrder, type NoCite } from '../citations/number.ts'
import { error } from '../diagnostics/messages.ts'
import type { FrontMatter } from '../parse/front-matter.ts'
import { parseMarkdown } from '../parse/markdown.ts'
import { type CitationOptions, transformCitations } from '../transform/citations.ts'
import { transformInlineNotes } from '../transform/inline-notes.ts'
import { transformScripts } from '../transform/scripts.ts'
import type { ArticleMetadata, CitationItem } from '../types.ts'

export interface ReadCitations {
  cited: CitationItem[]
  nocite: NoCite
}

export function readCitations(tree: Root, meta: ArticleMetadata, frontMatter: FrontMatter, file: VFile): ReadCitations {
  transformInlineNotes(tree, file)
  transformScripts(tree, file)
  const options = { terms: locatorTerms(cslLocale(meta.lang)) }
  transformCitations(tree, file, options)
  const title = { type: 'paragraph' as const, children: meta.titleMarkup }
  transformCitations(title, file, options)
  meta.titleMarkup = title.children
  refuseAbstractCitations(meta, frontMatter, file, options)
  return { cited: citationsInReadingOrder(tree, meta.titleMarkup), nocite: readNoCite(frontMatter, file, options) }
}

/** Pandoc cites works from the abstract too; Galley's abstract is plain text, so it says so rather than print "[@key]". */
function refuseAbstractCitations(meta: ArticleMetadata, frontMatter: FrontMatter, file: VFile, options: CitationOptions): void {
  if (!meta.abstract?.includes('@')) return
  const scratch = new VFile({ path: file.path, value: meta.abstract })
  const abstract = parseMarkdown(scratch)
  transformCitations(abstract, scratch, options)
  const keys: string[] = []
  visit(abstract, 'citation', (node) => { keys.push(...node.items.map((item) => `@${item.key}`)) })
  if (keys.length === 0) return
  const node = frontMatter.document.get('abstract', true) as { range?: number[] } | undefined
  error(file, `Pandoc reads ${keys.join(', ')} in the abstract as citations, but Galley prints the abstract as plain text: cite the work in the body instead, or write "\\@" to keep the "@" as text`, frontMatter.pointAt(node?.range?.[0] ?? 0), 'citation-syntax')
}
