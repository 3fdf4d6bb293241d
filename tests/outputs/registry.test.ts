/**
 * The table of output formats: every entry is complete, a build of each
 * format runs exactly the stages its entry names, and the command line's
 * `--format` values and help texts come from it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildOutputs } from '../../src/outputs/build.ts'
import { buildPlan, cheaplyChecked, DEFAULT_FORMATS, formatOfOutput, FORMATS, OUTPUTS, type OutputFormat } from '../../src/outputs/registry.ts'
import { closeBrowser, warmBrowser } from '../../src/pdf/warm.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { watchCommand } from '../../src/watch/command.ts'
import { galley } from '../e2e/build.ts'
import { manuscript, PNG_1x1 } from '../helpers.ts'

afterAll(() => closeBrowser())

// The stages the CLI and buildOutputs time for every build, whatever the formats.
const SHARED_STAGES = ['load', 'prepare', 'write']

describe('the registry of outputs', () => {
  const entries = FORMATS.map((format) => OUTPUTS[format])

  it.each(FORMATS)('%s: its entry is complete', (format) => {
    const entry = OUTPUTS[format]
    expect(entry.format).toBe(format)
    expect(entry.extension).toMatch(/^[a-z0-9]+(?:\.[a-z0-9]+)?$/)
    expect(entry.label).not.toBe('')
    expect(entry.mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+(?:; charset=utf-8)?$/)
    expect(entry.stages.length).toBeGreaterThan(0)
    expect(entry.stages.filter((stage) => SHARED_STAGES.includes(stage))).toEqual([])
    expect(typeof entry.emit).toBe('function')
    for (const need of entry.needs) {
      // Built before what needs it, in the table's order.
      expect(FORMATS.indexOf(need), `${format} needs ${need}`).toBeGreaterThanOrEqual(0)
      expect(FORMATS.indexOf(need)).toBeLessThan(FORMATS.indexOf(format))
    }
    if (entry.check) {
      expect(entry.check.what).not.toBe('')
      expect(entry.stages).toContain(entry.check.stage)
      // `galley check` emits in memory, with nothing staged to build on.
      if (entry.check.cheap) expect(entry.needs).toEqual([])
    }
  })

  it('gives every format its own extension, label and stages, and one page to preview', () => {
    const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length)
    unique(entries.map((entry) => entry.extension))
    unique(entries.map((entry) => entry.label))
    unique(entries.flatMap((entry) => entry.stages))
    expect(entries.filter((entry) => entry.preview === 'page')).toHaveLength(1)
  })

  it('plans what a build emits: what is asked for, what that needs (not kept), in the table order', () => {
    const plan = (formats: OutputFormat[]) => buildPlan(formats).map(({ entry, kept }) => `${entry.format}${kept ? '' : ' (not kept)'}`)
    expect(plan(['pdf'])).toEqual(['html (not kept)', 'pdf'])
    expect(plan(['pdf', 'jats'])).toEqual(['jats', 'html (not kept)', 'pdf'])
    expect(plan(['html', 'pdf'])).toEqual(['html', 'pdf'])
    expect(plan(['jats'])).toEqual(['jats'])
    expect(plan(['meca'])).toEqual(['jats (not kept)', 'html (not kept)', 'pdf (not kept)', 'meca'])
    expect(plan(['meca', 'jats'])).toEqual(['jats', 'html (not kept)', 'pdf (not kept)', 'meca'])
  })

  it('builds by default every format but those made only when asked for', () => {
    expect(DEFAULT_FORMATS).toEqual(FORMATS.filter((format) => OUTPUTS[format].byDefault))
    expect(DEFAULT_FORMATS).toEqual(['jats', 'html', 'pdf'])
  })

  it('names the format of an output by its extension, in the output folder only', () => {
    for (const format of FORMATS) expect(formatOfOutput(`letter.${OUTPUTS[format].extension}`)).toBe(format)
    expect(formatOfOutput('letter.zip')).toBeUndefined()
    expect(formatOfOutput('fig1.png')).toBeUndefined()
    expect(formatOfOutput(`assets/x.${OUTPUTS.pdf.extension}`)).toBeUndefined()
  })

  it.each(FORMATS)('%s alone: writes its output and runs its own stages and those it needs, in order', async (format) => {
    const dir = manuscript('Cited [@alpha2020], [@gamma2021], @delta2019 and [@eta2018].\n\n![A figure.](a.png){#fig-a fig-alt="A picture"}\n', { 'a.png': PNG_1x1 })
    const prepared = prepareArticle(path.join(dir, 'letter.md'))
    expect(prepared.article).toBeDefined()
    const out = path.join(dir, 'out')
    const result = await buildOutputs(prepared.article!, { outDir: out, formats: [format], browser: warmBrowser })
    expect(result.ok).toBe(true)
    const entry = OUTPUTS[format]
    expect(result.outputs).toEqual([`letter.${entry.extension}`])
    expect(fs.statSync(path.join(out, result.outputs[0])).size).toBeGreaterThan(0)
    expect(result.written).toContain('a.png')
    // In the order they started: each output's own in order, after those of what it needs
    // (a printed output's overlap the ones after it), and the write last.
    const names = result.timings.map(([stage]) => stage)
    const plan = buildPlan([format])
    expect([...names].sort()).toEqual([...plan.flatMap((step) => step.entry.stages), 'write'].sort())
    expect(names.at(-1)).toBe('write')
    for (const { entry } of plan) {
      const own = entry.stages.map((stage) => names.indexOf(stage))
      expect(own).toEqual([...own].sort((a, b) => a - b))
      for (const need of entry.needs) {
        for (const stage of OUTPUTS[need].stages) expect(names.indexOf(stage)).toBeLessThan(Math.min(...own))
      }
    }
    // What it was made from stays in staging.
    expect(fs.readdirSync(out).filter((name) => formatOfOutput(name))).toEqual([`letter.${entry.extension}`])
  }, 120_000)
})

describe('the command line reads the registry', () => {
  it('--format rejects an unknown name, listing the registry formats', async () => {
    for (const value of ['docx', `${FORMATS[0]},docx`]) {
      const run = await galley(['build', '--format', value])
      expect(run.code).toBe(2)
      expect(run.stderr.trim()).toBe(`galley build: unknown format "docx": use ${FORMATS.join(', ')}`)
    }
    const lines: string[] = []
    expect(await watchCommand(['--format', 'docx'], { out: (text) => lines.push(text), err: (text) => lines.push(text), color: false })).toBe(2)
    expect(lines).toEqual([`galley watch: unknown format "docx": use ${FORMATS.join(', ')}`])
  })

  it('help lists every format, and the checks galley check runs', async () => {
    const main = (await galley(['--help'])).stdout
    for (const entry of Object.values(OUTPUTS)) expect(main).toMatch(new RegExp(`^  build .*\\b${entry.label}\\b`, 'm'))
    for (const command of ['build', 'watch']) {
      const help = (await galley([command, '--help'])).stdout
      expect(help).toContain(`--format LIST      Comma-separated: ${FORMATS.join(',')} (default: ${DEFAULT_FORMATS.join(',')})`)
    }
    const check = (await galley(['check', '--help'])).stdout.replace(/\s+/g, ' ')
    expect(cheaplyChecked().length).toBeGreaterThan(0)
    for (const entry of cheaplyChecked()) {
      expect(check).toContain(entry.check.what)
      expect(main.replace(/\s+/g, ' ')).toContain(entry.check.what)
    }
  })
})
