/**
 * Every hostile manuscript of issue 8 against every output format in the
 * registry (a new format joins by itself): each build gives the case's rule
 * id at a place in the manuscript, an error writes nothing, a warning still
 * builds, and nothing that was outside the manuscript's folder, nor a link
 * that could run, reaches any file written. A build killed mid-way leaves
 * the previous outputs byte-identical and, after the next build, no litter.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import type { RuleId } from '../../src/diagnostics/rules.ts'
import { FORMATS, OUTPUTS, type OutputFormat } from '../../src/outputs/registry.ts'
import { galley } from '../e2e/build.ts'
import { pdftotext } from '../pdf/poppler.ts'
import { BIB, FRONT, PNG_1x1, fixture } from '../helpers.ts'
import { finished, profilesOf, snapshot, spawnBuild, staged, stagingIn } from './processes.ts'

const SECRET = 'SECRET-7d2e0b-from-outside'
const SECRET_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-secret-'))
fs.writeFileSync(path.join(SECRET_DIR, 'secret.png'), Buffer.concat([PNG_1x1, Buffer.from(SECRET)]))
afterAll(() => fs.rmSync(SECRET_DIR, { recursive: true, force: true }))

const BODY = 'Cited [@alpha2020].\n\n'
const FIGURE = (url: string) => `${FRONT}${BODY}![C](${url}){#fig-x fig-alt="a"}\n`
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(1)</script><rect width="4" height="4"/></svg>\n'
/** A target that could run. An autolink's text is its URL, so that may stay as text, never as a target. */
const RUNNABLE = /^\s*(?:javascript|vbscript|data):/i
const RUNNABLE_ATTRIBUTE = /(?:href|src)="\s*(?:javascript|vbscript|data):/i

interface HostileCase {
  name: string
  files: Record<string, string | Buffer>
  /** Symlinks to make, name → target. */
  links?: Record<string, string>
  /** The finding the case must give, and how bad it is; none when it is neutralised silently. */
  rule?: RuleId
  severity?: 'error' | 'warning'
  /** Words every output built despite the case must still hold. */
  shows?: string[]
}

const CASES: HostileCase[] = [
  { name: 'a figure at /etc/passwd', files: { 'letter.md': FIGURE('/etc/passwd') }, rule: 'file-outside-folder', severity: 'error' },
  { name: 'a figure climbing out with ../', files: { 'letter.md': FIGURE(`../${path.basename(SECRET_DIR)}/secret.png`) }, rule: 'file-outside-folder', severity: 'error' },
  { name: 'a symlink in figures/ pointing out', files: { 'letter.md': FIGURE('figures/x.png') }, links: { 'figures/x.png': path.join(SECRET_DIR, 'secret.png') }, rule: 'file-outside-folder', severity: 'error' },
  {
    name: 'javascript:, vbscript: and data: URLs in every place',
    files: {
      'letter.md': `${FRONT.replace('lang: en', 'lang: en\nlicense:\n  url: "javascript:alert(4)"\n  text: A licence.')}Cited [@alpha2020] and [@gamma2021]. ` +
        'A [link](javascript:alert(1)), <vbscript:msgbox>, [ref][r], ![i](data:text/html,x) and [fine](https://example.org).\n\n[r]: data:text/html,<script>alert(2)</script>\n',
      'refs.bib': BIB.replace('title = {Second work},', 'title = {Second work},\n  url = {javascript:alert(3)},'),
    },
    rule: 'url-scheme', severity: 'warning', shows: ['A licence', 'fine'],
  },
  {
    name: 'CSS injection in the front matter',
    files: { 'letter.md': `${FRONT.replace('lang: en', 'lang: en\narticle-heading: "Letter\\r} h1, .body { display: none } x {\\f</style><script>alert(1)</script>"')}${BODY}` },
    shows: ['A test letter', 'Cited'],
  },
  { name: 'bibliography: /dev/zero', files: { 'letter.md': FRONT.replace('bibliography: refs.bib', 'bibliography: /dev/zero') + BODY }, rule: 'file-outside-folder', severity: 'error' },
  { name: 'a word of 100,000 letters', files: { 'letter.md': `${FRONT}${BODY}Long ${'abcdefghij'.repeat(10_000)} word.\n` }, shows: ['Long'] },
  { name: '2,000 nested block quotes', files: { 'letter.md': `${FRONT}${BODY}${'>'.repeat(2000)} deep\n` }, rule: 'nesting-too-deep', severity: 'error' },
  { name: 'author: 5', files: { 'letter.md': FRONT.replace(/author:\n(?: {2,}.*\n)+/, 'author: 5\n') + BODY }, rule: 'front-matter-type', severity: 'error' },
  { name: 'a bad percent-escape', files: { 'letter.md': FIGURE('figures/%ZZ.png') }, rule: 'url-malformed', severity: 'error' },
  { name: 'a TIFF named .png', files: { 'letter.md': FIGURE('figures/a.png'), 'figures/a.png': Buffer.from('II*\0\x08\0\0\0', 'latin1') }, rule: 'image-format', severity: 'error' },
  { name: 'an SVG with a script', files: { 'letter.md': FIGURE('figures/a.svg'), 'figures/a.svg': SVG }, rule: 'image-format', severity: 'error' },
  { name: 'invalid UTF-8', files: { 'letter.md': Buffer.concat([Buffer.from(`${FRONT}${BODY}Caf`), Buffer.from([0xe9]), Buffer.from(' here.\n')]) }, rule: 'manuscript-encoding', severity: 'warning', shows: ['here'] },
  { name: 'control characters', files: { 'letter.md': `${FRONT}${BODY}Bell \u0007 and escape \u001b here.\n` }, rule: 'manuscript-encoding', severity: 'warning', shows: ['escape'] },
  { name: 'an empty title', files: { 'letter.md': FRONT.replace('title: A test letter', 'title: ""') + BODY }, rule: 'front-matter-empty', severity: 'error' },
]

function folder(hostile: HostileCase): string {
  const dir = fixture({ 'refs.bib': BIB, ...hostile.files })
  for (const [name, target] of Object.entries(hostile.links ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.symlinkSync(target, path.join(dir, name))
  }
  return dir
}

/** Link targets in a PDF's annotations (its objects are compressed: a byte search would see nothing). */
async function pdfLinks(bytes: Buffer): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  return doc.getPages().flatMap((page) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    return (annots?.asArray() ?? []).flatMap((ref) => {
      const action = doc.context.lookup(ref, PDFDict).lookupMaybe(PDFName.of('A'), PDFDict)
      const uri = action?.lookup(PDFName.of('URI'))
      return uri instanceof PDFString || uri instanceof PDFHexString ? [uri.decodeText()] : []
    })
  })
}

/** What a reader of each file written sees: the XML and HTML as text, the PDF's text and link targets, a package's files each. */
async function readable(out: string): Promise<Array<[name: string, text: string]>> {
  if (!fs.existsSync(out)) return []
  const names = fs.readdirSync(out, { recursive: true }).map(String).filter((name) => fs.statSync(path.join(out, name)).isFile())
  return (await Promise.all(names.map((name) => readableFile(name, fs.readFileSync(path.join(out, name)))))).flat()
}

async function readableFile(name: string, bytes: Buffer): Promise<Array<[string, string]>> {
  if (name.endsWith('.zip')) {
    const entries = Object.entries(unzipSync(bytes)).map(([entry, content]) => readableFile(`${name}/${entry}`, Buffer.from(content)))
    return [[name, bytes.toString('latin1')], ...(await Promise.all(entries)).flat()]
  }
  if (!name.endsWith('.pdf')) return [[name, bytes.toString('latin1')]]
  return [[name, `${pdftotext(bytes)}\n${(await pdfLinks(bytes)).join('\n')}\n${bytes.toString('latin1')}`]]
}

describe.each(FORMATS)('every hostile manuscript, built as %s', (format: OutputFormat) => {
  it.each(CASES.map((hostile) => [hostile.name, hostile] as const))('%s', async (_, hostile) => {
    const dir = folder(hostile)
    const out = path.join(dir, 'out')
    const run = await galley(['build', path.join(dir, 'letter.md'), '--out', out, '--format', format])
    const findings = run.stderr.split('\n').filter((line) => /^\S+:\d+:\d+ {2}(error|warning) {2}/.test(line))
    if (hostile.rule) {
      const ours = findings.filter((line) => line.endsWith(`  ${hostile.rule}`))
      expect(ours.length, run.stderr).toBeGreaterThan(0)
      expect(ours.every((line) => line.includes(`  ${hostile.severity}  `)), run.stderr).toBe(true)
    }
    // No finding but the case's own is an error, and none says Galley failed.
    expect(run.stderr).not.toMatch(/build-failed|jats-invalid|\n\s+at /)
    const output = path.join(out, `letter.${OUTPUTS[format].extension}`)
    if (hostile.severity === 'error') {
      expect(run.code).toBe(1)
      expect(fs.existsSync(out) ? fs.readdirSync(out).filter((name) => !name.startsWith('.')) : []).toEqual([])
    } else {
      expect(run.code, run.stderr).toBe(0)
      expect(fs.existsSync(output)).toBe(true)
    }
    const files = await readable(out)
    for (const [name, text] of files) {
      expect(text, name).not.toContain(SECRET)
      expect(text, name).not.toContain('root:x:0')
      if (!name.endsWith('.pdf')) expect(text, name).not.toMatch(RUNNABLE_ATTRIBUTE)
      else expect(text.split('\n').filter((line) => RUNNABLE.test(line)), name).toEqual([])
    }
    // The output itself, or for a package the outputs in it, still say what the manuscript says.
    const shown = files.filter(([name]) => !name.endsWith('.zip')
      && (name === path.basename(output) || (name.startsWith(`${path.basename(output)}/`) && /\/letter\.(xml|html|pdf)$/.test(name))))
    if (hostile.severity !== 'error') expect(shown.length).toBeGreaterThan(0)
    for (const [name, text] of shown) for (const words of hostile.shows ?? []) expect(text, name).toContain(words)
  })

  it('a build killed mid-way (kill -9) leaves the previous outputs byte-identical, and the next build its litter gone', async () => {
    const dir = fixture({ 'refs.bib': BIB, 'letter.md': `${FRONT}Cited [@alpha2020], [@gamma2021] and [@delta2019].\n` })
    const letter = path.join(dir, 'letter.md')
    const out = path.join(dir, 'out')
    expect(await finished(spawnBuild(letter, out, format))).toBe(0)
    const before = snapshot(out)
    const killed = spawnBuild(letter, out, format)
    // A JATS or HTML build may finish before a kill lands; its outputs are then the same bytes.
    if (await staged(out, killed)) killed.kill('SIGKILL')
    await finished(killed)
    expect(snapshot(out)).toEqual(before)
    expect(await finished(spawnBuild(letter, out, format))).toBe(0)
    expect(stagingIn(out)).toEqual([])
    expect(profilesOf(killed.pid)).toEqual([])
    expect(snapshot(out)).toEqual(before)
  })
})
