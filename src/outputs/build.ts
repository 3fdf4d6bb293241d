/**
 * Emit the outputs of a prepared article into a staging folder, check them,
 * then move them into place together: a failed build leaves the previous
 * outputs as they were.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import type { VFile } from 'vfile'
import { authorName, journalLine } from '../html/facts.ts'
import { serializeHtml, toHtml } from '../html/page.ts'
import { serializeJats, toJats } from '../jats/index.ts'
import { displayPath, hasErrors } from '../diagnostics/messages.ts'
import { figureFiles } from './figure-files.ts'
import { jatsFindings } from '../jats/findings.ts'
import { renderPdf, type PdfInfo } from '../pdf/render.ts'
import type { Article, OutputFormat } from '../types.ts'

export interface BuildOptions {
  outDir: string
  formats: readonly OutputFormat[]
  /** Needed for PDF; kept warm by the caller across builds. */
  browser?: () => Promise<Browser>
  /** Told as each stage ends, for progress output. */
  onStage?: (stage: string, ms: number) => void
}

export interface BuildResult {
  /** Paths written, relative to the output folder. */
  written: string[]
  /** Milliseconds per stage, in order. */
  timings: Array<[stage: string, ms: number]>
  /** Files carrying findings about the outputs (invalid JATS). */
  files: VFile[]
  ok: boolean
}

export async function buildOutputs(article: Article, options: BuildOptions): Promise<BuildResult> {
  const outDir = path.resolve(options.outDir)
  const base = path.basename(article.file.stem ?? 'article')
  const result: BuildResult = { written: [], timings: [], files: [], ok: true }
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now()
    try {
      return await work()
    } finally {
      const ms = performance.now() - start
      result.timings.push([stage, ms])
      options.onStage?.(stage, ms)
    }
  }

  fs.mkdirSync(outDir, { recursive: true })
  const staging = fs.mkdtempSync(path.join(outDir, '.galley-staging-'))
  const stage = (name: string, content: string | Uint8Array) => {
    fs.writeFileSync(path.join(staging, name), content)
    result.written.push(name)
  }
  try {
    const wants = (format: OutputFormat) => options.formats.includes(format)
    if (wants('jats')) {
      const name = `${base}.xml`
      const { root, xml } = await time('jats', () => {
        const root = toJats(article)
        return { root, xml: serializeJats(root) }
      })
      const findings = await time('validate', () =>
        jatsFindings(xml, displayPath(path.join(outDir, name), article.file.cwd), { root, manuscript: article.file }))
      // Problems made from the manuscript are reported in it (the CLI prints its file).
      if (findings.messages.length > 0 || hasErrors([article.file])) {
        if (findings.messages.length > 0) result.files.push(findings)
        result.ok = false
        return result
      }
      stage(name, xml)
    }
    if (wants('html') || wants('pdf')) {
      await time('html', () => {
        const { tree, assets } = toHtml(article)
        stage(`${base}.html`, serializeHtml(tree))
        for (const asset of assets) {
          fs.mkdirSync(path.dirname(path.join(staging, asset.to)), { recursive: true })
          fs.copyFileSync(asset.from, path.join(staging, asset.to))
          result.written.push(asset.to)
        }
      })
    } else if (wants('jats')) {
      for (const asset of figureFiles(article)) {
        fs.copyFileSync(asset.from, path.join(staging, asset.to))
        result.written.push(asset.to)
      }
    }
    if (wants('pdf')) {
      if (!options.browser) throw new Error('PDF output needs a browser')
      const browser = await time('browser', options.browser)
      const pdf = await time('pdf', () => renderPdf(browser, path.join(staging, `${base}.html`), pdfInfo(article)))
      stage(`${base}.pdf`, pdf)
    }
    if (!wants('html') && wants('pdf')) {
      fs.rmSync(path.join(staging, `${base}.html`))
      result.written = result.written.filter((name) => name !== `${base}.html`)
    }
    await time('write', () => publish(staging, outDir, result.written))
    return result
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}

function publish(staging: string, outDir: string, names: readonly string[]): void {
  for (const name of names) {
    const target = path.join(outDir, name)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.renameSync(path.join(staging, name), target)
  }
}

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
