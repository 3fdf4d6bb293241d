/**
 * Files a stranger's manuscript names: each one outside its folder (directly,
 * by `..`, or by a symlink), a device, a directory or a pipe is a positioned
 * error, and no byte from outside the folder reaches a finding or an output.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findings } from '../../src/cli/report.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { galley } from '../e2e/build.ts'
import { BIB, FRONT, PNG_1x1, ROOT, fixture } from '../helpers.ts'

const FRONT_LINES = FRONT.split('\n').length - 1
/** A file outside every manuscript folder, holding a marker no output may show. */
const SECRET_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-secret-'))
const SECRET = 'SECRET-4f1c9a-from-outside'
fs.writeFileSync(path.join(SECRET_DIR, 'secret.png'), Buffer.concat([PNG_1x1, Buffer.from(SECRET)]))
fs.writeFileSync(path.join(SECRET_DIR, 'secret.bib'), `@article{${SECRET}, title={${SECRET}}, year={2000}}\n`)
fs.writeFileSync(path.join(SECRET_DIR, 'secret.css'), `body::after { content: "${SECRET}" }\n`)
fs.writeFileSync(path.join(SECRET_DIR, 'secret.csl'), `<?xml version="1.0"?><!-- ${SECRET} -->`)
afterAll(() => fs.rmSync(SECRET_DIR, { recursive: true, force: true }))

const BODY = 'Cited [@alpha2020].\n\n'

function folder(files: Record<string, string | Buffer>, links: Record<string, string> = {}): string {
  const dir = fixture({ 'letter.md': `${FRONT}${BODY}`, 'refs.bib': BIB, ...files })
  for (const [name, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.symlinkSync(target, path.join(dir, name))
  }
  return dir
}

function check(dir: string) {
  const prepared = prepareArticle(path.join(dir, 'letter.md'), { cwd: dir })
  return { prepared, all: findings(prepared.files) }
}

/** Builds JATS and HTML (the PDF is the HTML printed) and returns every byte written. */
async function buildAll(dir: string): Promise<{ code: number; stderr: string; written: string }> {
  const out = path.join(dir, 'out')
  const run = await galley(['build', path.join(dir, 'letter.md'), '--out', out, '--format', 'jats,html'])
  const files = fs.existsSync(out) ? fs.readdirSync(out, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()) : []
  const written = files.map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), 'latin1')).join('\n')
  return { code: run.code, stderr: run.stderr, written }
}

const withFront = (from: string, to: string, body = BODY) => `${FRONT.replace(from, to)}${body}`

describe('figures and images stay inside the manuscript folder', () => {
  const cases: Array<[string, Record<string, string | Buffer>, Record<string, string>]> = [
    ['an absolute path', { 'letter.md': `${FRONT}${BODY}![C](${path.join(SECRET_DIR, 'secret.png')}){#fig-x fig-alt="a"}\n` }, {}],
    ['a path climbing out with ..', { 'letter.md': `${FRONT}${BODY}![C](../${path.basename(SECRET_DIR)}/secret.png){#fig-x fig-alt="a"}\n` }, {}],
    ['a symlink inside figures/ pointing out', { 'letter.md': `${FRONT}${BODY}![C](figures/x.png){#fig-x fig-alt="a"}\n` }, { 'figures/x.png': path.join(SECRET_DIR, 'secret.png') }],
    ['an inline image', { 'letter.md': `${FRONT}${BODY}An icon ![i](${path.join(SECRET_DIR, 'secret.png')}) here.\n` }, {}],
  ]
  it.each(cases)('%s is an error at the image, and nothing is written', async (_, files, links) => {
    const dir = folder(files, links)
    const finding = check(dir).all.find((f) => f.ruleId === 'file-outside-folder')
    expect(finding).toMatchObject({ severity: 'error', file: 'letter.md', line: FRONT_LINES + 3 })
    expect(finding!.message).toMatch(/is outside .*Galley reads only files inside the manuscript's folder/)
    const built = await buildAll(dir)
    expect(built.code).toBe(1)
    expect(built.stderr).toContain('file-outside-folder')
    expect(built.written).not.toContain(SECRET)
  })

  it('a directory named as a figure is not a regular file', () => {
    const dir = folder({ 'figures/d/keep': 'x', 'letter.md': `${FRONT}${BODY}![C](figures/d){#fig-x fig-alt="a"}\n` })
    expect(check(dir).all.find((f) => f.ruleId === 'file-not-regular')).toMatchObject({ severity: 'error', line: FRONT_LINES + 3, column: 1 })
  })

  it('a bad percent-escape is a finding, not a crash', () => {
    const dir = folder({ 'letter.md': `${FRONT}${BODY}![C](figures/%ZZ.png){#fig-x fig-alt="a"}\n\nInline ![i](%E0%A4%A) too.\n` })
    const found = check(dir).all.filter((f) => f.ruleId === 'url-malformed')
    expect(found.map((f) => [f.line, f.column])).toEqual([[FRONT_LINES + 3, 1], [FRONT_LINES + 5, 8]])
    expect(found[0].message).toContain('bad percent-escape')
  })

  it('a figure inside the folder, through a symlink that stays inside, still builds', async () => {
    const dir = folder({ 'figures/real.png': PNG_1x1, 'letter.md': `${FRONT}${BODY}![C](figures/x.png){#fig-x fig-alt="a"}\n` }, { 'figures/x.png': 'real.png' })
    expect(check(dir).all.filter((f) => f.severity === 'error')).toEqual([])
    expect((await buildAll(dir)).code).toBe(0)
  })
})

describe('the bibliography stays inside the manuscript folder, and is a file of bounded size', () => {
  const place = { file: 'letter.md', line: 19, column: 15 }

  it.each([
    ['/dev/zero', {}, 'file-outside-folder'],
    ['zero.bib (a symlink to /dev/zero)', { 'zero.bib': '/dev/zero' }, 'file-outside-folder'],
    ['secret.bib (a symlink out)', { 'secret.bib': path.join(SECRET_DIR, 'secret.bib') }, 'file-outside-folder'],
  ])('%s is refused at the front matter key, before a byte is read', (name, links, rule) => {
    const dir = folder({ 'letter.md': withFront('bibliography: refs.bib', `bibliography: ${name.split(' ')[0]}`) }, links)
    const { all } = check(dir)
    const finding = all.find((f) => f.ruleId === rule)
    expect(finding).toMatchObject({ severity: 'error', ...place })
    expect(JSON.stringify(all)).not.toContain(SECRET)
  })

  it('a named pipe is not a regular file (reading it would wait for ever)', () => {
    const dir = folder({ 'letter.md': withFront('bibliography: refs.bib', 'bibliography: pipe.bib') })
    execFileSync('mkfifo', [path.join(dir, 'pipe.bib')])
    const found = check(dir).all.filter((f) => f.ruleId === 'file-not-regular')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'error', file: 'letter.md', line: 19 })
    expect(found[0].message).toContain('a device, pipe or socket')
  })

  it('a bibliography over the size limit is refused', () => {
    const dir = folder({ 'big.bib': Buffer.alloc(11 * 1024 * 1024, 0x20), 'letter.md': withFront('bibliography: refs.bib', 'bibliography: big.bib') })
    expect(check(dir).all.find((f) => f.ruleId === 'file-too-large')?.message).toMatch(/is 11\.0 MB, over Galley's limit of 10\.0 MB/)
  })
})

describe('a CSL style stays inside the manuscript folder', () => {
  it('a symlinked style pointing out is refused without echoing it', () => {
    const dir = folder({ 'letter.md': withFront('lang: en', 'lang: en\ncsl: style.csl') }, { 'style.csl': path.join(SECRET_DIR, 'secret.csl') })
    const { all } = check(dir)
    expect(all.find((f) => f.ruleId === 'file-outside-folder')).toMatchObject({ severity: 'error', line: 4, column: 6 })
    expect(JSON.stringify(all)).not.toContain(SECRET)
  })
})

describe('a template reads only from its own folder', () => {
  const template = (change: (yaml: string) => string, files: Record<string, string> = {}) => {
    const dir = folder({ 'letter.md': withFront('template: actas-dermo-sifiliograficas', 'template: ./tpl') })
    fs.cpSync(path.join(ROOT, 'templates/default'), path.join(dir, 'tpl'), { recursive: true })
    const yamlFile = path.join(dir, 'tpl/template.yaml')
    fs.writeFileSync(yamlFile, change(fs.readFileSync(yamlFile, 'utf8')))
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'tpl', name), content)
    return dir
  }
  const addScreenCss = (name: string) => (yaml: string) => yaml.replace(/^( {2}screen:.*)$/m, `  screen:\n    - screen.css\n    - ${name}`)

  it('a CSS list naming /etc/passwd is an error at that line', async () => {
    const dir = template(addScreenCss('/etc/passwd'))
    const finding = check(dir).all.find((f) => f.ruleId === 'file-outside-folder')
    expect(finding).toMatchObject({ severity: 'error', file: 'tpl/template.yaml' })
    expect(finding!.message).toContain("Galley reads only files inside the template's folder")
    const built = await buildAll(dir)
    expect(built.code).toBe(1)
    expect(built.written).not.toContain('root:')
  })

  it('a url() climbing out of the template folder is an error, and nothing is copied', async () => {
    const outside = path.relative(path.join(os.tmpdir(), 'x', 'tpl'), path.join(SECRET_DIR, 'secret.png'))
    const dir = template(addScreenCss('extra.css'), { 'extra.css': `body { background: url(../../${outside}) }\n` })
    const finding = check(dir).all.find((f) => f.ruleId === 'template-invalid-file')
    expect(finding?.message).toMatch(/url\(.*secret\.png\) (is outside|names no file)/)
    expect((await buildAll(dir)).written).not.toContain(SECRET)
  })

  it('an absolute url() is refused too (Chromium would read it from the disk)', () => {
    const dir = template(addScreenCss('extra.css'), { 'extra.css': 'body { background: url(/etc/hostname) }\n' })
    expect(check(dir).all.find((f) => f.ruleId === 'template-invalid-file')?.message).toMatch(/url\(\/etc\/hostname\) is outside/)
  })

  it('CSS holding </style><script> cannot close its <style>', async () => {
    const dir = template(addScreenCss('extra.css'), { 'extra.css': 'p::before { content: "</style><script>alert(1)</script>" }\n' })
    const built = await buildAll(dir)
    expect(built.code, built.stderr).toBe(0)
    const html = fs.readFileSync(path.join(dir, 'out/letter.html'), 'utf8')
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('content: "\\3c /style>\\3c script>alert(1)\\3c /script>"')
  })

  it('a template.yaml that is a symlink out is refused without reading it', () => {
    const dir = template((yaml) => yaml)
    fs.rmSync(path.join(dir, 'tpl/template.yaml'))
    fs.symlinkSync(path.join(SECRET_DIR, 'secret.bib'), path.join(dir, 'tpl/template.yaml'))
    const { all } = check(dir)
    expect(all.find((f) => f.ruleId === 'file-outside-folder')).toMatchObject({ severity: 'error' })
    expect(JSON.stringify(all)).not.toContain(SECRET)
  })
})
