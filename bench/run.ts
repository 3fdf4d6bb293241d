/**
 * Galley's benchmark (`make bench`): every figure of issue 11's targets,
 * measured in one run, each Galley command interleaved with the alternative
 * it is compared with, so that ratios stay fair on a shared, noisy machine.
 * Prints medians (wall, CPU, peak memory), ratios and each target.
 *
 *   node --import tsx bench/run.ts [--runs N] [--quick]
 *
 * --quick runs everything once, on small inputs: a test runs it in CI so the
 * benchmark cannot rot. Nothing here asserts a time.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { entryKind } from '../bin/entry.js'
import { findBrowser } from '../src/pdf/browser.ts'
import { canCountOrphans } from './cpu-group.ts'
import { medians, run, type Sample } from './measure.ts'
import { measureInProcess } from './in-process.ts'
import { measurePreview } from './preview.ts'
import { measureReviews } from './large.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const GALLEY = path.join(ROOT, 'bin/galley.js')
const QUICK = process.argv.includes('--quick')
const runsAt = process.argv.indexOf('--runs')
const RUNS = QUICK ? 1 : runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5

export interface Row {
  what: string
  galley: Sample
  /** The alternative, measured in the same run. */
  other?: { what: string; sample: Sample }
  /** e.g. "< 150 ms", "≤ 2x" */
  target?: string
  met?: boolean
}

const rows: Row[] = []
const ms = (value: number) => `${Math.round(value)} ms`

// Each figure on stderr as soon as it is measured: a run stopped half-way still tells what it saw.
let shown = 0
function progress(): void {
  for (const row of rows.slice(shown)) {
    const other = row.other ? `; ${row.other.what} ${ms(row.other.sample.wallMs)}` : ''
    process.stderr.write(`bench: ${row.what}: ${ms(row.galley.wallMs)}${other}\n`)
  }
  shown = rows.length
}

/** Alternates Galley and the alternative run by run, then keeps the medians. */
async function compare(what: string, galley: () => Promise<Sample>, other?: { what: string; run: () => Promise<Sample> }): Promise<Row> {
  const ours: Sample[] = []
  const theirs: Sample[] = []
  for (let index = 0; index < RUNS; index++) {
    ours.push(await galley())
    if (other) theirs.push(await other.run())
  }
  const row: Row = { what, galley: medians(ours), other: other && { what: other.what, sample: medians(theirs) } }
  rows.push(row)
  progress()
  return row
}

function machine(): string {
  const cpus = os.cpus()
  const load = os.loadavg().map((value) => value.toFixed(1)).join(' ')
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ` +
    `load ${load} at start, ${os.type()} ${os.release()}, Node ${process.version}`
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name))
    .find((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile())
}

function copyManuscript(): { dir: string; letter: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-'))
  fs.cpSync(path.join(ROOT, 'manuscript'), path.join(dir, 'manuscript'), { recursive: true })
  return { dir, letter: path.join(dir, 'manuscript/letter.md') }
}

async function main(): Promise<void> {
  const entry = entryKind(ROOT)
  console.log(`Galley benchmark, ${QUICK ? 'quick (one run each)' : `medians of ${RUNS} runs`}`)
  console.log(`Machine: ${machine()}`)
  console.log(canCountOrphans()
    ? 'CPU: of every process a command started, counted in a cgroup of its own'
    : 'CPU: of the processes a command waited for (no cgroup could be made here): Chromium\'s renderers, orphaned when Galley kills the browser, are not counted (≥)')
  console.log(`bin/galley.js runs ${entry === 'dist' ? 'dist/bundle/ (compiled and bundled)' : 'src/ through tsx: dist/bundle/ is missing or stale, run `make` first'}\n`)

  const { dir, letter } = copyManuscript()
  const manuscriptDir = path.dirname(letter)
  const out = path.join(dir, 'out')
  // The baseline is the command an author would type, `chromium` as the PATH has it (Debian's a
  // launcher script in front of the browser); Galley runs the browser it finds (the binary itself).
  const browser = onPath('chromium') ?? onPath('chromium-browser') ?? onPath('google-chrome') ?? findBrowser().path
  const galley = (...args: string[]) => () => run(GALLEY, args, { cwd: dir, node: true })

  // Node starting on an empty module, through the same harness: what no Galley change can take away.
  const nodeStart = { what: 'node, an empty module', run: () => run(path.join(ROOT, 'bench/node-start.mjs'), [], { cwd: dir, node: true }) }
  const version = await compare('galley --version', galley('--version'), nodeStart)
  version.target = '< 150 ms'
  version.met = version.galley.wallMs < 150
  const help = await compare('galley --help', galley('--help'), nodeStart)
  help.target = '< 150 ms'
  help.met = help.galley.wallMs < 150

  const pandocJats = {
    what: 'pandoc --citeproc -t jats',
    run: () => run('pandoc', ['--citeproc', '-s', '-t', 'jats', 'letter.md', '-o', path.join(dir, 'pandoc.xml')], { cwd: manuscriptDir }),
  }
  const check = await compare('galley check (new process)', galley('check', letter, '--quiet'), pandocJats)
  check.target = '≤ 2x'
  check.met = check.galley.wallMs <= 2 * check.other!.sample.wallMs
  // The same with nothing kept on disk from an earlier run (the CSL entries, the fonts' characters): a first check.
  const emptyCache = () => ({ XDG_CACHE_HOME: fs.mkdtempSync(path.join(dir, 'cache-')) })
  const firstCheck = await compare('galley check (new process, empty cache)', () => run(GALLEY, ['check', letter, '--quiet'], { cwd: dir, node: true, env: emptyCache() }), pandocJats)
  firstCheck.target = '≤ 2x'
  firstCheck.met = firstCheck.galley.wallMs <= 2 * firstCheck.other!.sample.wallMs

  const chromeProfile = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-chrome-'))
  const build = await compare('galley build, cold (JATS + HTML + PDF)', galley('build', letter, '--out', out, '--quiet'), {
    what: 'pandoc → HTML, then chromium --print-to-pdf',
    run: async () => {
      const html = path.join(dir, 'pandoc.html')
      const first = await run('pandoc', ['--citeproc', '-s', 'letter.md', '-o', html], { cwd: manuscriptDir })
      const second = await run(browser, ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${chromeProfile}`,
        '--no-pdf-header-footer', `--print-to-pdf=${path.join(dir, 'pandoc.pdf')}`, `file://${html}`], { cwd: dir })
      return { wallMs: first.wallMs + second.wallMs, cpuMs: first.cpuMs + second.cpuMs }
    },
  })
  build.target = '≤ 1.2x'
  build.met = build.galley.wallMs <= 1.2 * build.other!.sample.wallMs
  fs.rmSync(chromeProfile, { recursive: true, force: true })

  // An issue's worth of letters, each with its own title, in one process; against one cold build.
  const letters = QUICK ? 3 : 50
  const batchDir = path.join(dir, 'manuscripts')
  const original = fs.readFileSync(letter, 'utf8')
  for (let index = 1; index <= letters; index++) {
    const copy = path.join(batchDir, String(index).padStart(2, '0'))
    // The letter and its figures, not the other example manuscripts beside it.
    fs.cpSync(manuscriptDir, copy, { recursive: true, filter: (source) => path.relative(manuscriptDir, source).split(path.sep)[0] !== 'case-report' })
    fs.writeFileSync(path.join(copy, 'letter.md'), original.replace(/^title: "/m, `title: "Case ${index}: `))
  }
  const batch = await run(GALLEY, ['build', batchDir, '--out', path.join(dir, 'out-batch'), '--quiet'], { cwd: dir, node: true })
  rows.push({
    what: `galley build of ${letters} letters, one process`,
    galley: batch,
    other: { what: `one cold galley build (× ${letters} = ${(build.galley.wallMs * letters / 1000).toFixed(0)} s)`, sample: build.galley },
    target: '≤ 10x, < 400 MB',
    met: batch.wallMs <= 10 * build.galley.wallMs && (batch.rssMb ?? Infinity) < 400,
  })
  progress()

  // Quick mode keeps the shapes at a tenth of the size.
  const scales = QUICK ? [0.1, 0.2, 0.4] : [1, 2, 4]
  rows.push(...(await measureReviews({ galley: GALLEY, letterDir: manuscriptDir, dir, scales, runs: QUICK ? 1 : Math.min(RUNS, 3) })))
  progress()

  const inProcess = await measureInProcess({ dir, letter, runs: QUICK ? 1 : Math.max(RUNS, 7) })
  rows.push(...inProcess)
  progress()
  rows.push(...(await measurePreview({ dir, letter, runs: QUICK ? 1 : Math.max(RUNS, 7) })))
  progress()

  print()
  fs.rmSync(dir, { recursive: true, force: true })
}

/** A lower bound where the orphans' CPU could not be counted (bench/cpu-group.ts). */
function cpu(sample: Sample): string {
  return Number.isNaN(sample.cpuMs) ? '' : `${sample.cpuAtLeast ? '≥ ' : ''}${ms(sample.cpuMs)}`
}

function print(): void {
  const table = [['what', 'Galley wall', 'CPU', 'peak RSS', 'alternative', 'wall', 'CPU', 'ratio (wall, CPU)', 'target']]
  for (const row of rows) {
    const other = row.other?.sample
    table.push([
      row.what, ms(row.galley.wallMs), cpu(row.galley), row.galley.rssMb === undefined ? '' : `${Math.round(row.galley.rssMb)} MB`,
      row.other?.what ?? '', other ? ms(other.wallMs) : '', other ? cpu(other) : '',
      other ? `${(row.galley.wallMs / other.wallMs).toFixed(2)}x, ${(row.galley.cpuMs / Math.max(other.cpuMs, 1)).toFixed(2)}x` : '',
      row.target ? `${row.target} ${row.met ? 'met' : 'MISSED'}` : '',
    ])
  }
  // A Markdown table: the README quotes it as printed.
  console.log(table.map((cells, index) => `| ${cells.join(' | ')} |${index === 0 ? `\n|${cells.map(() => '---').join('|')}|` : ''}`).join('\n'))
}

await main()
