/**
 * Every output format in one table, keyed by format: the CLI's `--format`
 * values and help, `build`, `check` and `watch` (its summary and preview
 * server) all read it. Adding a format is one entry here plus its folder.
 *
 * Reading the table is cheap: an entry loads its emitter with `import()`
 * inside its first stage, so `--help` never pays for libxml2 or Puppeteer,
 * and the load shows in that stage's timing.
 */
import type { Root as HastRoot } from 'hast'
import type { Browser } from 'puppeteer-core'
import type { Node } from 'unist'
import type { VFile } from 'vfile'
import type { Root as XastRoot } from 'xast'
import type { Article } from '../types.ts'
import type { CopiedFile } from './figure-files.ts'

export type OutputFormat = 'jats' | 'html' | 'pdf' | 'meca'

export interface Emitted {
  /** The output file's bytes, e.g. letter.xml. */
  content: string | Uint8Array
  /** Files it refers to, copied beside it (figures, fonts). */
  assets: readonly CopiedFile[]
  /** The syntax tree it was serialized from: for a check that points back at the manuscript, and for the outputs made from it (the PDF's print page). */
  tree?: Node
}

export interface EmitContext {
  /** Runs one of the entry's `stages`, timing it. */
  time: <T>(stage: string, work: () => T | Promise<T>) => Promise<T>
  /** Where the outputs named in `needs` were staged, with their assets beside them. */
  staged: Partial<Record<OutputFormat, string>>
  /** The assets of each staged output, as copied beside it. */
  stagedAssets: Partial<Record<OutputFormat, readonly CopiedFile[]>>
  /** The syntax tree each staged output was serialized from, where it has one. */
  stagedTrees: Partial<Record<OutputFormat, Node>>
  /** For outputs printed by a browser; kept warm by the caller across builds. */
  browser?: () => Promise<Browser>
  /** Told when a printed output needs the browser no more (see BuildOptions.onPrinted). */
  onPrinted?: () => void
}

export interface OutputCheck {
  /** What it checks, in the help texts: "JATS validity". */
  what: string
  /** The stage its time is reported under; one of the entry's `stages`. */
  stage: string
  /** Cheap enough for `galley check`, which emits the output in memory and writes nothing. */
  cheap: boolean
  /**
   * Findings about the emitted output, in a file for it named `displayPath`, or in the
   * manuscript's file when they point at its Markdown; any finding in the first and any
   * error in the second fail the build.
   */
  run: (emitted: Emitted, displayPath: string, article: Article) => Promise<VFile>
  /**
   * Called by a command that runs once (check, build, a batch build) as soon as it knows it will run
   * this check: starts the check's costly setup off the main thread, while the manuscript
   * is prepared. Watch, long-lived, does not call it and keeps the setup in-process.
   */
  warmUp?: () => Promise<void>
}

export interface OutputEntry {
  format: OutputFormat
  /** Of the file written: letter.xml, letter.meca.zip. */
  extension: string
  /** Its name in the help texts. */
  label: string
  /** What the preview server sends it as. */
  mediaType: string
  /** The stages `buildOutputs` times for it, in order: for timings and watch's one-line summary. */
  stages: readonly string[]
  /** Outputs it is made from: built first, and not kept when not asked for. */
  needs: readonly OutputFormat[]
  /** Built when `--format` is not given; otherwise only when asked for. */
  byDefault: boolean
  /**
   * Printed by the browser of `EmitContext`: a build that makes it launches the browser as it
   * starts, and emits it as soon as what it needs is staged, while the outputs after it are made
   * (its emitter mostly waits for the browser, on another core).
   */
  printed?: boolean
  /** In `watch --serve`: the page at `/`, or linked from that page. */
  preview?: 'page' | 'link'
  emit: (article: Article, context: EmitContext) => Promise<Emitted>
  check?: OutputCheck
  /**
   * For an output without a cheap check: what `galley check` runs instead, writing nothing,
   * for the findings its emitter adds to the manuscript's file.
   */
  lint?: (article: Article) => Promise<void>
}

export const OUTPUTS: { readonly [F in OutputFormat]: OutputEntry & { format: F } } = {
  jats: {
    format: 'jats',
    extension: 'xml',
    label: 'JATS',
    mediaType: 'application/xml; charset=utf-8',
    stages: ['jats', 'validate'],
    needs: [],
    byDefault: true,
    emit: (article, { time }) => time('jats', async () => {
      const [{ serializeJats, toJats }, { figureFiles }] = await Promise.all([import('../jats/index.ts'), import('./figure-files.ts')])
      const root = toJats(article)
      return { content: serializeJats(root), assets: figureFiles(article), tree: root }
    }),
    check: {
      what: 'JATS validity',
      stage: 'validate',
      cheap: true,
      run: async ({ content, tree }, displayPath, article) => {
        const xml = String(content)
        const [{ jatsFindings }, { jatsProblems }] = await Promise.all([import('../jats/findings.ts'), import('../jats/validate-thread.ts')])
        return jatsFindings(xml, displayPath, await jatsProblems(xml, displayPath), { root: tree as XastRoot, manuscript: article.file })
      },
      // libxml2 and the DTD load in a worker thread: the main thread then never loads libxml2.
      warmUp: async () => (await import('../jats/validate-thread.ts')).startValidatorThread(),
    },
  },
  html: {
    format: 'html',
    extension: 'html',
    label: 'HTML',
    mediaType: 'text/html; charset=utf-8',
    stages: ['html'],
    needs: [],
    byDefault: true,
    preview: 'page',
    emit: (article, { time }) => time('html', async () => {
      const { serializeHtml, toHtml } = await import('../html/page.ts')
      const { tree, assets } = toHtml(article)
      return { content: serializeHtml(tree), assets, tree }
    }),
    // Only the body: the handlers' findings (nodes HTML cannot carry) without the page around it.
    lint: async (article) => void (await import('../html/page.ts')).htmlBody(article),
  },
  pdf: {
    format: 'pdf',
    extension: 'pdf',
    label: 'PDF',
    mediaType: 'application/pdf',
    stages: ['browser', 'pdf'],
    needs: ['html'],
    byDefault: true,
    printed: true,
    preview: 'link',
    emit: async (article, { time, staged, stagedTrees, browser, onPrinted }) => {
      if (!browser) throw new Error('PDF output needs a browser')
      // Made while the browser comes up (a cold build) or before the page is asked for (the others).
      const { printMarkup } = await import('../pdf/print-markup.ts')
      const markup = printMarkup(stagedTrees.html as HastRoot, staged.html!)
      await time('browser', browser)
      const content = await time('pdf', async () => {
        const [{ printPdf }, { pdfInfo }] = await Promise.all([import('../pdf/print.ts'), import('../pdf/info.ts')])
        // Given the launcher, not the browser: a hung or crashed one is replaced for the one retry.
        return printPdf(browser, staged.html!, pdfInfo(article), { onPrinted, markup })
      })
      return { content, assets: [] }
    },
  },
  meca: {
    format: 'meca',
    extension: 'meca.zip',
    label: 'MECA',
    mediaType: 'application/zip',
    stages: ['meca', 'meca-check'],
    needs: ['jats', 'pdf'],
    // A submission package is made when one is wanted, not on every build or save.
    byDefault: false,
    emit: (article, { time, staged, stagedAssets }) => time('meca', async () => {
      const { mecaPackage } = await import('../meca/package.ts')
      const content = mecaPackage(article, {
        article: { file: staged.jats!, mediaType: OUTPUTS.jats.mediaType },
        manuscript: { file: staged.pdf!, mediaType: OUTPUTS.pdf.mediaType },
        supporting: stagedAssets.jats ?? [],
      })
      return { content, assets: [] }
    }),
    check: {
      what: 'MECA manifest and transfer validity',
      stage: 'meca-check',
      cheap: false,
      run: async ({ content }, displayPath) => (await import('../meca/findings.ts')).mecaFindings(content as Uint8Array, displayPath),
    },
  },
}

/** Every format, in the order they are built and listed. */
export const FORMATS = Object.keys(OUTPUTS) as OutputFormat[]

/** What a build makes when `--format` is not given. */
export const DEFAULT_FORMATS = FORMATS.filter((format) => OUTPUTS[format].byDefault)

/** The formats whose check `galley check` runs: those with a cheap check. */
export function cheaplyChecked(): Array<OutputEntry & { check: OutputCheck }> {
  return FORMATS.map((format) => OUTPUTS[format]).filter((entry): entry is OutputEntry & { check: OutputCheck } => Boolean(entry.check?.cheap))
}

/** What a build of `formats` emits, in order: the formats asked for and what they need, which is not kept. */
export function buildPlan(formats: readonly OutputFormat[]): Array<{ entry: OutputEntry; kept: boolean }> {
  const emitted = new Set<OutputFormat>()
  const add = (format: OutputFormat) => {
    if (emitted.has(format)) return
    emitted.add(format)
    OUTPUTS[format].needs.forEach(add)
  }
  formats.forEach(add)
  return FORMATS.filter((format) => emitted.has(format)).map((format) => ({ entry: OUTPUTS[format], kept: formats.includes(format) }))
}

/** Starts the setup of the checks a run making `formats` will run (see `OutputCheck.warmUp`). */
export async function warmUpChecks(formats: readonly OutputFormat[]): Promise<void> {
  await Promise.all(buildPlan(formats).map(({ entry }) => entry.check?.warmUp?.()))
}

/** Whether a build of `formats` prints with the browser. */
export function needsBrowser(formats: readonly OutputFormat[]): boolean {
  return buildPlan(formats).some(({ entry }) => entry.printed)
}

/** The format of an output file in the output folder (`letter.pdf`), by its extension. */
export function formatOfOutput(name: string): OutputFormat | undefined {
  if (name.includes('/')) return undefined
  return FORMATS.find((format) => name.endsWith(`.${OUTPUTS[format].extension}`))
}
