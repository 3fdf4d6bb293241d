/**
 * The manuscript's citations, read once the same way by the build and by
 * `galley refs`: Pandoc's subscripts and superscripts first (they split
 * text), then the citation grammar in the body and the title, then `nocite`.
 * Items come in the order the document is read.
 */
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { cslLocale } from '../citations/format.ts'
import { locatorTerms } from '../citations/locator.ts'
import { readNoCite } from '../citations/nocite.ts'
import { citationsInReadingOrder, type NoCite } from '../citations/number.ts'
import type { FrontMatter } from '../parse/front-matter.ts'
import { transformCitations } from '../transform/citations.ts'
import { transformScripts } from '../transform/scripts.ts'
import type { ArticleMetadata, CitationItem } from '../types.ts'

export interface ReadCitations {
  cited: CitationItem[]
  nocite: NoCite
}

export function readCitations(tree: Root, meta: ArticleMetadata, frontMatter: FrontMatter, file: VFile): ReadCitations {
  transformScripts(tree, file)
  const options = { terms: locatorTerms(cslLocale(meta.lang)) }
  transformCitations(tree, file, options)
  const title = { type: 'paragraph' as const, children: meta.titleMarkup }
  transformCitations(title, file, options)
  meta.titleMarkup = title.children
  return { cited: citationsInReadingOrder(tree, meta.titleMarkup), nocite: readNoCite(frontMatter, file, options) }
}
