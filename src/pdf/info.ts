/** The PDF's document information, from the article's metadata: the same words the HTML head carries. */
import { authorName, journalLine } from '../html/facts.ts'
import type { Article } from '../types.ts'
import type { PdfInfo } from './render.ts'

export function pdfInfo(article: Article): PdfInfo {
  const { meta } = article
  return {
    title: meta.title,
    authors: meta.authors.map(authorName),
    subject: [meta.heading, journalLine(article)].filter(Boolean).join('. '),
    keywords: meta.keywords,
    lang: meta.lang,
    date: meta.date && new Date(Date.UTC(meta.date.year, (meta.date.month ?? 1) - 1, meta.date.day ?? 1)),
  }
}
