/** Building the letter with each template, and reading the outputs back. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from '../helpers.ts'
import { buildLetter } from '../e2e/build.ts'
import { pdftotext } from '../pdf/poppler.ts'

export const SHIPPED = ['actas-dermo-sifiliograficas', 'clinical-case-letters', 'default'] as const

export interface Built {
  out: string
  xml: string
  html: string
  /** PDF text, whitespace collapsed. */
  pdfText: string
}

/** Builds `manuscript` with `template` (a name or a folder); reads back whatever was written. */
export async function buildWith(template: string, manuscript?: string, formats = 'jats,html,pdf'): Promise<Built> {
  const { out } = await buildLetter(['--template', template, '--format', formats], manuscript)
  const read = (name: string) => (fs.existsSync(path.join(out, name)) ? fs.readFileSync(path.join(out, name)) : undefined)
  const pdf = read('letter.pdf')
  return {
    out,
    xml: read('letter.xml')?.toString('utf8') ?? '',
    html: read('letter.html')?.toString('utf8') ?? '',
    pdfText: pdf ? pdftotext(pdf) : '',
  }
}

/** The part of the JATS a template must not change: from `<body>` to `</back>`. */
export function jatsBodyAndBack(xml: string): string {
  const start = xml.indexOf('<body>')
  const end = xml.indexOf('</back>')
  if (start < 0 || end < 0) throw new Error('JATS without <body> or </back>')
  return xml.slice(start, end + '</back>'.length)
}

/** Citation targets in reading order ("B1", "B1", "B2", …) as the HTML links them. */
export function citationOrder(html: string): string[] {
  const body = html.slice(html.indexOf('<section class="body">'), html.indexOf('<section class="references"'))
  return [...body.matchAll(/<a href="#(B\d+)" role="doc-biblioref">/g)].map((match) => match[1])
}

/** The text of the HTML, tags dropped and whitespace collapsed (soft hyphens removed). */
export function htmlText(html: string): string {
  return html.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, '')
    .replace(/\u00ad/g, '').replace(/&#x26;/g, '&').replace(/\s+/g, ' ')
}

/**
 * The letter as a Spanish-language manuscript: the Spanish title first, the
 * English one as its translation, `lang: es`. Built from a copy of
 * manuscript/ so figures and bibliography come along.
 */
export function spanishLetter(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-es-'))
  fs.cpSync(path.join(ROOT, 'manuscript'), dir, { recursive: true })
  const file = path.join(dir, 'letter.md')
  const source = fs.readFileSync(file, 'utf8')
  const english = /^title: "([^"]+)"$/m.exec(source)![1]
  const spanish = /^ {2}es: "([^"]+)"$/m.exec(source)![1]
  const translated = source
    .replace(/^title: .*$/m, `title: "${spanish}"`)
    .replace(/^ {2}es: .*$/m, `  en: "${english}"`)
    .replace(/^lang: en$/m, 'lang: es')
    .replace(/^article-heading: .*$/m, 'article-heading: Carta científica')
  if (!translated.includes('lang: es')) throw new Error('manuscript/letter.md no longer has `lang: en`')
  fs.writeFileSync(file, translated)
  return file
}

export function removeAll(...dirs: Array<string | undefined>): void {
  for (const dir of dirs) if (dir) fs.rmSync(dir, { recursive: true, force: true })
}
