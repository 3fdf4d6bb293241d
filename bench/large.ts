/**
 * A synthetic review made from the shipped letter's own material, to show how
 * cost grows with size: at scale 1 it has 300 references, 40 figures and its
 * PDF runs past 20 pages; scale 2 and 4 have twice and four times as much of
 * everything. Deterministic: the same scale writes the same bytes.
 */
import fs from 'node:fs'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { medians, run, type Sample } from './measure.ts'
import type { Row } from './run.ts'

export interface Review {
  manuscript: string
  references: number
  figures: number
}

const REFERENCES_AT_1X = 300
const FIGURES_AT_1X = 40

/** Writes review.md, references.bib and figures/ into `dir`, from the letter in `letterDir`. */
export function writeReview(letterDir: string, dir: string, scale: number): Review {
  const letter = fs.readFileSync(path.join(letterDir, 'letter.md'), 'utf8')
  const [, frontMatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(letter)!
  const entries = bibEntries(fs.readFileSync(path.join(letterDir, 'references.bib'), 'utf8'))
  const figures = fs.readdirSync(path.join(letterDir, 'figures')).sort()
  // The letter's sentences without its citations and cross-references: the review places its own.
  const sentences = body.split('\n').filter((line) => /^[A-Z].*\.$/.test(line) && !line.startsWith('!['))
    .map((line) => line.replace(/According to @\w+, t/, 'T').replace(/ ?\[@[^\]]*\]| ?\(@fig-[^)]*\)/g, ''))

  const references = Math.round(REFERENCES_AT_1X * scale)
  const figureCount = Math.round(FIGURES_AT_1X * scale)
  const keys = Array.from({ length: references }, (_, index) => `ref${index + 1}`)
  const bib = keys.map((key, index) => variant(entries[index % entries.length], key, index)).join('\n\n')

  const blocks: string[] = []
  let cited = 0
  let sentence = 0
  const paragraphsPerSection = 6
  const paragraphs = Math.ceil(references / 3)
  const figureEvery = paragraphs / figureCount
  let placed = 0
  for (let paragraph = 0; paragraph < paragraphs; paragraph++) {
    if (paragraph % paragraphsPerSection === 0) blocks.push(`## Part ${paragraph / paragraphsPerSection + 1}`)
    const lines: string[] = []
    for (let line = 0; line < 4; line++) {
      let text = sentences[sentence++ % sentences.length]
      // Three new works per paragraph, so every reference is cited once in order.
      if (line < 3 && cited < references) text = text.replace(/\.$/, ` [@${keys[cited++]}].`)
      lines.push(text)
    }
    while (placed < figureCount && placed < (paragraph + 1) / figureEvery) {
      const id = `fig-r${placed + 1}`
      if (lines.length > 1) {
        lines[1] = lines[1].replace(/\.$/, ` (@${id}).`)
        blocks.push(lines.splice(0).join('\n'))
      } else blocks.push(`As @${id} shows again.`)
      const image = figures[placed % figures.length]
      blocks.push(`![Figure ${placed + 1} of the review, reusing the letter's ${image}.](figures/${image}){#${id} fig-alt="The letter's image ${image}, shown again as figure ${placed + 1}."}`)
      placed++
    }
    if (lines.length) blocks.push(lines.join('\n'))
  }

  fs.mkdirSync(dir, { recursive: true })
  fs.cpSync(path.join(letterDir, 'figures'), path.join(dir, 'figures'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'references.bib'), `${bib}\n`)
  const front = frontMatter
    .replace(/^title: .*$/m, `title: "Calcinosis Cutis in Dermatomyositis: a Synthetic Review at Scale ${scale}"`)
    .replace(/^article-type: .*$/m, 'article-type: review-article')
    .replace(/^article-heading: .*$/m, 'article-heading: Review')
    .replace(/^translated-title:\n(?: {2}.*\n)+/m, '')
    .replace(/^pages: .*$/m, '')
  const manuscript = path.join(dir, 'review.md')
  fs.writeFileSync(manuscript, `---\n${front}\n---\n\n${blocks.join('\n\n')}\n`)
  return { manuscript, references, figures: figureCount }
}

/** The entries of a BibTeX file, comments left out. */
function bibEntries(bib: string): string[] {
  return [...bib.matchAll(/^@\w+\{[\s\S]*?^\}/gm)].map((match) => match[0])
}

/** The entry under a new key, told apart from its model by its title and year, without identifiers to resolve. */
function variant(entry: string, key: string, index: number): string {
  return entry
    .replace(/^(@\w+\{)[^,]+,/, `$1${key},`)
    .replace(/^\s*(doi|pmid|pmcid|url)\s*=.*\n/gim, '')
    .replace(/(title\s*=\s*\{)/, `$1Study ${index + 1}: `)
    .replace(/(year\s*=\s*\{)(\d{4})/, (_, head: string, year: string) => `${head}${Number(year) - (index % 20)}`)
}

/**
 * Cold `galley build` (all three formats) and `galley check` of the review at each scale,
 * each against the smallest: a cost linear in size has ratios no larger than the scales'.
 */
export async function measureReviews(options: { galley: string; letterDir: string; dir: string; scales: readonly number[]; runs: number }): Promise<Row[]> {
  const rows: Row[] = []
  const first: { build?: Sample; check?: Sample } = {}
  const [smallest] = options.scales
  for (const scale of options.scales) {
    const review = writeReview(options.letterDir, path.join(options.dir, `review-${scale}`), scale)
    const out = path.join(options.dir, `review-${scale}-out`)
    const builds: Sample[] = []
    const checks: Sample[] = []
    for (let index = 0; index < options.runs; index++) {
      builds.push(await run(options.galley, ['build', review.manuscript, '--out', out, '--offline', '--quiet'], { cwd: options.dir, node: true }))
      checks.push(await run(options.galley, ['check', review.manuscript, '--quiet'], { cwd: options.dir, node: true }))
    }
    const pages = (await PDFDocument.load(fs.readFileSync(path.join(out, 'review.pdf')))).getPageCount()
    const what = `review ×${scale} (${review.references} references, ${review.figures} figures, ${pages} pages)`
    const [build, check] = [medians(builds), medians(checks)]
    first.build ??= build
    first.check ??= check
    const linear = scale / smallest
    const compared = (sample: Sample, base: Sample, name: string): Pick<Row, 'other' | 'target' | 'met'> => scale === smallest ? {} : {
      other: { what: `${name} of review ×${smallest}`, sample: base },
      target: `≤ ${linear}x (linear)`,
      met: sample.wallMs <= linear * base.wallMs && sample.cpuMs <= linear * base.cpuMs,
    }
    rows.push({ what: `galley build, ${what}`, galley: build, ...compared(build, first.build, 'build') })
    rows.push({ what: `galley check, ${what}`, galley: check, ...compared(check, first.check, 'check') })
  }
  return rows
}
