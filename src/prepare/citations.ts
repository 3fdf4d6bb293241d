/**
 * The manuscript's citations, read once the same way by the build and by
 * `galley refs`: Pandoc's inline notes, then subscripts and superscripts
 * (they split text), then the citation grammar in the body, the title and the abstracts, then `nocite`.
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
import { transformInlineNotes } from '../transform/inline-notes.ts'
import { transformScripts } from '../transform/scripts.ts'
import { abstractsOf } from '../metadata/front-matter.ts'
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
  const abstracts = abstractsOf(meta)
  for (const abstract of abstracts) {
    transformScripts(abstract, file)
    transformCitations(abstract, file, options)
  }
  return { cited: citationsInReadingOrder(tree, [...meta.titleMarkup, ...abstracts]), nocite: readNoCite(frontMatter, file, options) }
}
