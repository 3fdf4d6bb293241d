/**
 * One manuscript body through everything a build does short of the browser:
 * prepare, then the JATS and HTML emitters as the outputs registry calls
 * them, the JATS checked against the DTD as a build checks it and the HTML's
 * body parsed again (the head, the template's CSS, is the same for every
 * input and most of the parsing time). For corpora of many small inputs: one
 * folder, one file per input.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { findings, type Finding } from '../../src/cli/report.ts'
import { serializeHtml, toHtml } from '../../src/html/page.ts'
import { jatsFindings } from '../../src/jats/findings.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { BIB, FRONT, fixture } from '../helpers.ts'

export interface Outcome {
  /** Every finding of the build, the manuscript's and the generated JATS's. */
  findings: Finding[]
  /** Whether an article came out of prepare (no errors in the manuscript). */
  prepared: boolean
  /** What the HTML parser objected to in the page written. */
  htmlErrors: string[]
  jats?: string
  html?: string
}

/** A folder with the standard bibliography, for `throughEmitters`. */
export function corpusFolder(): string {
  return fixture({ 'refs.bib': BIB })
}

/** The front matter (by default the standard one), then `body`, as `name` in `dir`, through prepare, JATS (validated) and HTML. */
export function throughEmitters(dir: string, name: string, body: string | Buffer, front = FRONT): Outcome {
  const file = path.join(dir, name)
  fs.writeFileSync(file, typeof body === 'string' ? front + body : Buffer.concat([Buffer.from(front), body]))
  const { article, files } = prepareArticle(file, { cwd: dir })
  if (!article) return { findings: findings(files), prepared: false, htmlErrors: [] }
  const root = toJats(article)
  const jats = serializeJats(root)
  const checked = jatsFindings(jats, `${name}.xml`, validateJats(jats, `${name}.xml`), { root, manuscript: article.file })
  const html = serializeHtml(toHtml(article).tree)
  const htmlErrors: string[] = []
  const page = html.slice(html.indexOf('<body'))
  fromHtml(`<!doctype html><html><head></head>${page}`, { onerror: (problem) => void htmlErrors.push(`${problem.line}:${problem.column} ${problem.reason}`) })
  return { findings: findings([...files, checked]), prepared: true, htmlErrors, jats, html }
}

/** Findings a reader cannot act on: with no line, or claiming the generated JATS is invalid. */
export function unplaced(outcome: Outcome): Finding[] {
  return outcome.findings.filter((finding) => finding.line === null || finding.column === null)
}

/** Findings that say Galley itself failed: an exception, or JATS the DTD refuses. */
export function galleyFaults(outcome: Outcome): Finding[] {
  return outcome.findings.filter((finding) => finding.ruleId === 'build-failed' || finding.ruleId === 'jats-invalid')
}
