/**
 * The PDF's text layer without the soft hyphens the print page was given for its line breaks.
 *
 * Chromium (Skia) draws each soft hyphen as a zero-advance space glyph marked
 * `/Span <</ActualText <FEFF00AD>>> BDC … EMC`, where it breaks a line or not; at a line end it
 * also draws a real hyphen glyph ("-", U+002D) of its own. Dropping those spans leaves the look
 * unchanged (they draw nothing and advance nothing) and the text layer with whole words, plus a
 * hyphen at a line end where the eye sees one, which readers and pdftotext join back.
 */
import type { PDFDocument } from 'pdf-lib'
import { rewriteContentStreams } from './content-streams.ts'

/** A span standing for soft hyphens only, with the one glyph it draws (if any) and the move before it. */
const SOFT_HYPHEN_SPAN =
  /\/Span\s*<<\s*\/ActualText\s*<FEFF(?:00AD)+>\s*>>\s*BDC\s+(?:((?:-?[\d.]+ -?[\d.]+ Td\s+)?)<[0-9A-Fa-f]+>\s*Tj\s+)?EMC\s+/gi
/** Any other replacement text, UTF-16BE in hex, e.g. a ligature "f\u00adf" over one "ff" glyph. */
const ACTUAL_TEXT = /(\/ActualText\s*<FEFF)((?:[0-9A-Fa-f]{4})*)>/g

export function dropSoftHyphens(doc: PDFDocument): void {
  rewriteContentStreams(doc, withoutSoftHyphens)
}

/** One content stream's operators without the soft hyphens' spans and replacement text. */
export function withoutSoftHyphens(content: string): string {
  return content
    .replace(SOFT_HYPHEN_SPAN, (_, move: string | undefined) => move ?? '')
    .replace(ACTUAL_TEXT, (_, start: string, units: string) =>
      `${start}${units.match(/.{4}/g)?.filter((unit) => unit.toUpperCase() !== '00AD').join('') ?? ''}>`)
}
