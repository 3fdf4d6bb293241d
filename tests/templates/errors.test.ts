/**
 * A template missing a required piece: a clear error naming the file (and
 * the template.yaml line that names it), a non-zero exit, nothing written.
 * Each case breaks a copy of clinical-case-letters in a temporary folder.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { galley } from '../e2e/build.ts'
import { LETTER, ROOT } from '../helpers.ts'

const made: string[] = []
afterAll(() => { for (const dir of made) fs.rmSync(dir, { recursive: true, force: true }) })

/** A copy of clinical-case-letters, changed by `edit`. */
function brokenTemplate(edit: (dir: string, yaml: string) => string | void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-broken-'))
  made.push(dir)
  fs.cpSync(path.join(ROOT, 'templates/clinical-case-letters'), dir, { recursive: true })
  const yamlFile = path.join(dir, 'template.yaml')
  const yaml = edit(dir, fs.readFileSync(yamlFile, 'utf8'))
  if (typeof yaml === 'string') fs.writeFileSync(yamlFile, yaml)
  return dir
}

/** 1-based line of template.yaml holding `text`. */
function lineOf(dir: string, text: string): number {
  return fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1
}

/** `galley build` into a folder that must stay absent; returns stderr. */
async function failingBuild(template: string): Promise<string> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'galley-out-')), 'out')
  made.push(path.dirname(out))
  const run = await galley(['build', LETTER, '--template', template, '--out', out])
  expect(run.code).toBe(1)
  expect(fs.existsSync(out)).toBe(false)
  expect(run.stderr).toContain('nothing was written')
  return run.stderr
}

const at = (dir: string, line: number) => `${path.relative(process.cwd(), path.join(dir, 'template.yaml'))}:${line}:`

describe('a broken template stops the build with an error naming the file', () => {
  it('no template.yaml', async () => {
    const dir = brokenTemplate((folder) => fs.rmSync(path.join(folder, 'template.yaml')))
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(`${dir} has no template.yaml`)
    expect(stderr).toMatch(/template\.yaml\s+error/)
  })

  it('a template.yaml without journal.title', async () => {
    const dir = brokenTemplate((_, yaml) => yaml.replace(/^ {2}title: .*\n/m, ''))
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(at(dir, lineOf(dir, 'abbreviation:')))
    expect(stderr).toContain('Missing required template key `journal.title`')
  })

  it('a CSS file listed but missing, at the line that lists it', async () => {
    const dir = brokenTemplate((folder) => fs.rmSync(path.join(folder, 'print.css')))
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(`${at(dir, lineOf(dir, 'print: print.css'))}10`)
    expect(stderr).toContain(`Template CSS file "print.css": not found in ${dir}`)
  })

  it('a CSS file in a list, at its own line', async () => {
    const dir = brokenTemplate((_, yaml) => yaml.replace('  print: print.css', '  print:\n    - print.css\n    - extra.css'))
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(`${at(dir, lineOf(dir, '- extra.css'))}7`)
    expect(stderr).toContain('Template CSS file "extra.css": not found')
  })

  it('a CSL file missing', async () => {
    const dir = brokenTemplate((folder) => fs.rmSync(path.join(folder, 'clinical-case-letters.csl')))
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(at(dir, lineOf(dir, 'csl: clinical-case-letters.csl')))
    expect(stderr).toContain('Template CSL style file "clinical-case-letters.csl": not found')
  })

  it('a CSL file that is not CSL', async () => {
    const dir = brokenTemplate((folder) => fs.writeFileSync(path.join(folder, 'clinical-case-letters.csl'), '<html><body>not a style</body></html>\n'))
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(at(dir, lineOf(dir, 'csl: clinical-case-letters.csl')))
    expect(stderr).toContain('not a CSL style (no <style xmlns="http://purl.org/net/xbiblio/csl"> root)')
  })

  it('a CSL file that is not well-formed XML, with the line in the CSL file', async () => {
    const dir = brokenTemplate((folder) => {
      const file = path.join(folder, 'clinical-case-letters.csl')
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('</bibliography>', ''))
    })
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(at(dir, lineOf(dir, 'csl: clinical-case-letters.csl')))
    expect(stderr).toMatch(/not well-formed XML \(line \d+: Missing end tag for element bibliography\)/)
  })

  it('every broken file at once, even beside a key the schema rejects', async () => {
    const dir = brokenTemplate((folder, yaml) => {
      fs.rmSync(path.join(folder, 'print.css'))
      return yaml.replace(/^ {2}title: .*\n/m, '').replace('csl: clinical-case-letters.csl', 'csl: ieee')
    })
    const stderr = await failingBuild(dir)
    expect(stderr).toContain('Missing required template key `journal.title`')
    expect(stderr).toContain('Unknown CSL style "ieee"')
    expect(stderr).toContain('Template CSS file "print.css": not found')
  })

  it('a CSL file the processor cannot use', async () => {
    const dir = brokenTemplate((folder) => {
      const file = path.join(folder, 'clinical-case-letters.csl')
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/<bibliography[\s\S]*<\/bibliography>/, ''))
    })
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(at(dir, lineOf(dir, 'csl: clinical-case-letters.csl')))
    expect(stderr).toContain('the CSL processor cannot use it')
  })

  it('a CSL style name citation-js does not know', async () => {
    const dir = brokenTemplate((_, yaml) => yaml.replace('csl: clinical-case-letters.csl', 'csl: ieee'))
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(at(dir, lineOf(dir, 'csl: ieee')))
    expect(stderr).toContain('Unknown CSL style "ieee"')
  })

  it('a journal without an ISSN (the JATS needs one)', async () => {
    const dir = brokenTemplate((_, yaml) => yaml.replace(/^ {2}issn-electronic: .*\n/m, ''))
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(at(dir, lineOf(dir, 'title: Clinical Case Letters')))
    expect(stderr).toContain('The journal needs `issn-print` or `issn-electronic`')
  })

  it('a CSL locale file missing', async () => {
    const dir = brokenTemplate((_, yaml) => `${yaml}locales: locales-fr-FR.xml\n`)
    const stderr = await failingBuild(dir)
    expect(stderr).toContain(at(dir, lineOf(dir, 'locales: locales-fr-FR.xml')))
    expect(stderr).toContain('Template CSL locale file "locales-fr-FR.xml": not found')
  })

  it('a template name that is no shipped template', async () => {
    const stderr = await failingBuild('clinical-case-leters')
    expect(stderr).toContain('Template "clinical-case-leters" not found')
    expect(stderr).toContain('Shipped templates: actas-dermo-sifiliograficas, clinical-case-letters, default')
  })
})

describe('galley check --template', () => {
  it('reports the same error without building', async () => {
    const dir = brokenTemplate((folder) => fs.rmSync(path.join(folder, 'screen.css')))
    const run = await galley(['check', LETTER, '--template', dir])
    expect(run.code).toBe(1)
    expect(run.stdout + run.stderr).toContain(`${at(dir, lineOf(dir, 'screen: screen.css'))}11`)
  })
})
