/** Poppler's command-line tools as the independent judge of the PDFs we write. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function withFile<T>(pdf: Uint8Array, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'galley-pdf-test-'))
  try {
    const file = join(dir, 'out.pdf')
    writeFileSync(file, pdf)
    return use(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' })

/** pdfinfo's "Key: value" lines as a record. */
export function pdfinfo(pdf: Uint8Array): Record<string, string> {
  const text = withFile(pdf, (file) => run('pdfinfo', ['-isodates', file]))
  return Object.fromEntries(
    text.split('\n').filter((line) => line.includes(':')).map((line) => {
      const at = line.indexOf(':')
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()]
    }),
  )
}

/** pdffonts' table rows: font name and whether it is embedded. */
export function pdffonts(pdf: Uint8Array): { name: string; embedded: boolean }[] {
  const rows = withFile(pdf, (file) => run('pdffonts', [file])).split('\n').slice(2).filter(Boolean)
  // Columns are fixed-width; emb is the first yes/no after the encoding.
  return rows.map((row) => ({ name: row.split(/\s+/)[0], embedded: /\s(yes|no)\s+(yes|no)\s+(yes|no)\s/.exec(row)?.[1] === 'yes' }))
}

/** Text in reading order, whitespace collapsed so line breaks do not split phrases. */
export function pdftotext(pdf: Uint8Array): string {
  return withFile(pdf, (file) => run('pdftotext', [file, '-'])).replace(/\s+/g, ' ')
}

/** Text as pdftotext writes it, line ends kept: in its reading order, or with `raw` in the content streams' order. */
export function pdftotextLines(pdf: Uint8Array, { raw = false } = {}): string {
  return withFile(pdf, (file) => run('pdftotext', [...(raw ? ['-raw'] : []), file, '-']))
}

/** The tagged structure tree as poppler prints it. */
export function structure(pdf: Uint8Array): string {
  return withFile(pdf, (file) => run('pdfinfo', ['-struct', file]))
}
