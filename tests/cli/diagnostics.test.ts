/**
 * One case per diagnostic rule, through `galley check`: the message, where it
 * points, its severity and the exit status.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { jatsFindings } from '../../src/jats/findings.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { findings } from '../../src/cli/report.ts'
import { galley } from '../e2e/build.ts'
import { BIB, FRONT, PNG_1x1, fixture } from '../helpers.ts'

const BODY = 'Cited [@alpha2020] and [@gamma2021].\n\nAlso @delta2019 and [@eta2018].\n\n![A figure.](a.png){#fig-a fig-alt="A picture"}\n\nSee @fig-a.\n'
const FRONT_LINES = FRONT.split('\n').length - 1

interface Case {
  rule: string
  severity: 'error' | 'warning'
  /** Changes to the standard manuscript folder. */
  files: Record<string, string | Buffer>
  file?: string | RegExp
  line?: number
  column?: number
  message: string | RegExp
}

const replaceBody = (from: string, to: string) => FRONT + BODY.replace(from, to)
const replaceFront = (from: string, to: string) => FRONT.replace(from, to) + BODY

const cases: Case[] = [
  { rule: 'citation-unknown', severity: 'error', files: { 'letter.md': replaceBody('[@gamma2021]', '[@gamma2012]') }, line: FRONT_LINES + 1, column: 25, message: 'Unknown citation key "gamma2012" (did you mean "gamma2021"?)' },
  { rule: 'citation-syntax', severity: 'error', files: { 'letter.md': replaceBody('[@eta2018]', '[@eta2018, see also @gamma2021]') }, line: FRONT_LINES + 3, column: 22, message: /Pandoc reads @gamma2021 inside the suffix of @eta2018 as a citation nested in that suffix/ },
  { rule: 'citation-uncited', severity: 'warning', files: { 'letter.md': replaceBody(' and [@eta2018]', '') }, file: 'refs.bib', line: 25, column: 10, message: 'Reference "eta2018" is never cited: cite it, list it under `nocite`, or remove it from the bibliography' },
  { rule: 'bibliography-duplicate-key', severity: 'error', files: { 'refs.bib': `${BIB}\n@article{gamma2021, title={Again}, year={2000}}\n` }, file: 'refs.bib', line: 32, column: 10, message: /Duplicate citation key "gamma2021" \(first defined at refs.bib:11:10\)/ },
  { rule: 'bibliography-parse', severity: 'error', files: { 'refs.bib': BIB.replace('year = {2021}\n}', 'year = {2021}\n') }, file: 'refs.bib', line: 18, column: 1, message: /Bibliography does not parse/ },
  { rule: 'bibliography-missing', severity: 'error', files: { 'letter.md': replaceFront('bibliography: refs.bib', 'bibliography: nowhere.bib') }, file: 'nowhere.bib', message: /Bibliography file not found/ },
  { rule: 'bibliography-format', severity: 'error', files: { 'refs.txt': 'x', 'letter.md': replaceFront('bibliography: refs.bib', 'bibliography: refs.txt') }, file: 'refs.txt', message: /use a .bib \(BibTeX\) or .json \(CSL-JSON\) file/ },
  { rule: 'figure-missing-file', severity: 'error', files: { 'letter.md': replaceBody('(a.png)', '(b.png)') }, line: FRONT_LINES + 5, column: 1, message: /Figure file "b.png" not found/ },
  { rule: 'figure-duplicate-id', severity: 'error', files: { 'letter.md': `${FRONT}${BODY}\n![Again.](a.png){#fig-a fig-alt="x"}\n` }, line: FRONT_LINES + 9, column: 1, message: 'Duplicate id "fig-a": each figure and table needs its own id' },
  { rule: 'figure-name-clash', severity: 'error', files: { 'other/a.png': PNG_1x1, 'letter.md': `${FRONT}${BODY}\n![Again.](other/a.png){#fig-b fig-alt="x"}\n` }, line: FRONT_LINES + 9, column: 1, message: /Two different figure files are both named "a.png"/ },
  { rule: 'figure-alt-missing', severity: 'warning', files: { 'letter.md': replaceBody(' fig-alt="A picture"', '') }, line: FRONT_LINES + 5, column: 1, message: /Figure "fig-a" has no alt text/ },
  { rule: 'figure-id', severity: 'warning', files: { 'letter.md': replaceBody('{#fig-a fig-alt="A picture"}\n\nSee @fig-a.', '{#a fig-alt="x"}') }, line: FRONT_LINES + 5, column: 1, message: /should start with "fig-"/ },
  { rule: 'xref-unknown', severity: 'error', files: { 'letter.md': replaceBody('See @fig-a.', 'See @fig-b.') }, line: FRONT_LINES + 7, column: 5, message: /Unknown figure "@fig-b" \(did you mean "fig-a"\?\)/ },
  { rule: 'table-id', severity: 'warning', files: { 'letter.md': `${FRONT}${BODY}\n| a |\n|---|\n| 1 |\n\n: A table\n` }, line: FRONT_LINES + 13, column: 1, message: /Table caption has no id/ },
  { rule: 'front-matter-missing', severity: 'error', files: { 'letter.md': replaceFront('title: A test letter\n', '') }, line: 2, column: 1, message: 'Missing required front matter key `title`' },
  { rule: 'front-matter-type', severity: 'error', files: { 'letter.md': replaceFront('date: 2020-05', 'date: May 2020') }, line: 18, column: 7, message: '`date` must be YYYY, YYYY-MM or YYYY-MM-DD; got "May 2020"' },
  { rule: 'front-matter-unknown-key', severity: 'warning', files: { 'letter.md': replaceFront('lang: en', 'lang: en\nbibliograhpy: x.bib') }, line: 4, column: 1, message: 'Unknown front matter key `bibliograhpy` (did you mean "bibliography"?)' },
  { rule: 'lang-words-missing', severity: 'warning', files: { 'letter.md': replaceFront('lang: en', 'lang: fi') }, line: 3, column: 7, message: /^Galley has no words in "fi" for headings and labels: .*give them under `words: fi:`.*; and no CSL locale for "fi": .*`lang: fi-XX`/ },
  { rule: 'front-matter-yaml', severity: 'error', files: { 'letter.md': replaceFront('lang: en', 'lang: "en') }, message: /Not valid YAML/ },
  { rule: 'front-matter-affiliation', severity: 'error', files: { 'letter.md': replaceFront('- ref: uni', '- ref: unversity') }, line: 6, column: 5, message: /names affiliation "unversity", which `affiliations` does not define/ },
  { rule: 'csl-unknown', severity: 'error', files: { 'letter.md': replaceFront('lang: en', 'lang: en\ncsl: vancuver') }, line: 4, column: 6, message: /Unknown CSL style "vancuver" \(did you mean "vancouver"\?\)/ },
  { rule: 'csl-missing', severity: 'error', files: { 'letter.md': replaceFront('lang: en', 'lang: en\ncsl: style.csl') }, line: 4, column: 6, message: /CSL style file not found/ },
  { rule: 'csl-invalid', severity: 'error', files: { 'style.csl': '<xml/>', 'letter.md': replaceFront('lang: en', 'lang: en\ncsl: style.csl') }, line: 4, column: 6, message: /is not a CSL style/ },
  { rule: 'html-dropped', severity: 'warning', files: { 'letter.md': replaceBody('See @fig-a.', 'See <b>@fig-a</b>.<!-- a note -->') }, line: FRONT_LINES + 7, column: 5, message: 'Raw HTML (<b…>) is left out of every output: write it in Markdown' },
  { rule: 'template-missing', severity: 'error', files: { 'letter.md': replaceFront('template: actas-dermo-sifiliograficas', 'template: actas') }, file: /templates\/actas\/template\.yaml$/, message: /Template "actas" not found: no template folder .*Shipped templates: .*actas-dermo-sifiliograficas/ },
]

function folder(changes: Record<string, string | Buffer>): string {
  return fixture({ 'letter.md': FRONT + BODY, 'refs.bib': BIB, 'a.png': PNG_1x1, ...changes })
}

describe('galley check: one finding per rule', () => {
  it('finds nothing in a clean manuscript and exits 0', async () => {
    const dir = folder({})
    const run = await galley(['check', path.join(dir, 'letter.md')])
    expect(run.stderr).toMatch(/is ready\n$/)
    expect(run.code).toBe(0)
  })

  it('counts the warnings of a ready manuscript in words', async () => {
    const run = await galley(['check', path.join(folder({ 'letter.md': FRONT.replace('lang: en', 'lang: en\nvolumne: 3') + BODY }), 'letter.md')])
    expect(run.stderr).toMatch(/is ready \(1 warning\)\n$/)
  })

  for (const c of cases) {
    it(`${c.rule}: ${c.severity}`, async () => {
      const dir = folder(c.files)
      const cwd = process.cwd()
      process.chdir(dir)
      try {
        const run = await galley(['check', 'letter.md', '--format', 'json'])
        const all = JSON.parse(run.stdout) as ReturnType<typeof findings>
        const finding = all.find((f) => f.ruleId === c.rule)
        expect(finding, `${c.rule} in ${JSON.stringify(all, null, 1)}`).toBeDefined()
        expect(finding!.severity).toBe(c.severity)
        expect(finding!.file).toMatch(c.file ?? /^letter\.md$/)
        if (c.line !== undefined) expect([finding!.line, finding!.column]).toEqual([c.line, c.column])
        if (typeof c.message === 'string') expect(finding!.message).toBe(c.message)
        else expect(finding!.message).toMatch(c.message)
        expect(run.code).toBe(c.severity === 'error' ? 1 : 0)

        const text = await galley(['check', 'letter.md'])
        const place = finding!.line ? `:${finding!.line}:${finding!.column}` : ''
        expect(text.stderr).toContain(`${finding!.file}${place}  ${c.severity}  ${finding!.message}  ${c.rule}`)
        if (c.severity === 'warning') expect((await galley(['check', 'letter.md', '--strict'])).code).toBe(1)
      } finally {
        process.chdir(cwd)
      }
    })
  }

  it('jats-invalid: reports DTD problems of generated JATS at their line', () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN" "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">\n<article dtd-version="1.3">\n<front><article-meta><title-group><title>x</title></title-group></article-meta></front>\n</article>\n'
    const file = jatsFindings(xml, 'out.xml', validateJats(xml, 'out.xml'))
    const [finding] = findings([file])
    expect(finding).toMatchObject({ file: 'out.xml', severity: 'error', ruleId: 'jats-invalid' })
    expect(finding.line).toBe(4)
  })

  it('manuscript-missing: names the file and exits 1', async () => {
    const run = await galley(['check', '/nonexistent/letter.md'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/Cannot read the manuscript \/nonexistent\/letter.md: no such file\s+manuscript-missing/)
  })

  it('build reports findings the same way and writes nothing on error', async () => {
    const dir = folder({ 'letter.md': replaceBody('[@gamma2021]', '[@gamma2012]') })
    const out = path.join(dir, 'out')
    const run = await galley(['build', path.join(dir, 'letter.md'), '--out', out, '--format', 'jats,html'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`:${FRONT_LINES + 1}:25  error  Unknown citation key "gamma2012" (did you mean "gamma2021"?)  citation-unknown`)
    expect(fs.existsSync(out)).toBe(false)
  })
})

describe('galley command line', () => {
  it('prints --version and --help for every command', async () => {
    expect((await galley(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    for (const command of ['build', 'check', 'watch']) {
      const run = await galley([command, '--help'])
      expect(run.code).toBe(0)
      expect(run.stdout).toContain(`galley ${command}`)
    }
  })

  it('refuses unknown commands, options and formats with exit 2', async () => {
    expect((await galley(['frobnicate'])).code).toBe(2)
    expect((await galley(['build', '--nope'])).code).toBe(2)
    const run = await galley(['build', '--format', 'docx'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('unknown format "docx"')
  })
})
