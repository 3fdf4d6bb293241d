/**
 * `galley refs` and the build, end to end against the loopback server: the
 * lock round trip, numbering with the .bib, offline mode, faults that leave
 * the lock alone, --update and --check.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareArticle } from '../../src/prepare/article.ts'
import { newLockEntry, serializeLock } from '../../src/references/lock.ts'
import { galley } from '../e2e/build.ts'
import { BIB, FRONT, ROOT, fixture } from '../helpers.ts'
import { startReplayServer, type ReplayServer } from './server.ts'

let server: ReplayServer
const saved = { ...process.env }
beforeAll(async () => {
  server = await startReplayServer()
  Object.assign(process.env, server.env)
  delete process.env.CI
})
afterAll(async () => {
  process.env = saved
  await server.close()
})

const FRONT_LINES = FRONT.split('\n').length - 1
const BALIN = 'doi:10.1001/archdermatol.2011.2052'
const BODY = `Cited [@alpha2020] and [@${BALIN}].\n\nAlso [@pmid:28936472] and @gamma2021, [@delta2019; @eta2018; @${BALIN}].\n`

function folder(body = BODY, files: Record<string, string> = {}): string {
  return fixture({ 'letter.md': FRONT + body, 'refs.bib': BIB, ...files })
}
const lockOf = (dir: string) => path.join(dir, 'references.lock.json')
const readLockJson = (dir: string) => JSON.parse(fs.readFileSync(lockOf(dir), 'utf8'))

describe('galley refs', () => {
  it('locks works cited by identifier; they number with the .bib, first appearance first', async () => {
    const dir = folder()
    const run = await galley(['refs', path.join(dir, 'letter.md')])
    expect(run.stderr).toMatch(/2 identifiers, 2 resolved; wrote .*references.lock.json/)
    expect(run.code).toBe(0)
    expect(Object.keys(readLockJson(dir).references)).toEqual([BALIN, 'pmid:28936472'])
    const prepared = prepareArticle(path.join(dir, 'letter.md'))
    expect(prepared.files.flatMap((file) => file.messages.map(String))).toEqual([])
    const references = prepared.article!.references
    expect(references.map((reference) => [reference.number, reference.key])).toEqual([
      [1, 'alpha2020'], [2, BALIN], [3, 'pmid:28936472'], [4, 'gamma2021'], [5, 'delta2019'], [6, 'eta2018'],
    ])
    expect(references[1].csl).toMatchObject({ id: BALIN, title: expect.stringMatching(/^Calcinosis cutis occurring/), volume: '148' })
    // Run again: nothing to resolve, not a byte changed, no request made.
    const bytes = fs.readFileSync(lockOf(dir), 'utf8')
    const requests = server.requests.length
    expect((await galley(['refs', path.join(dir, 'letter.md')])).stderr).toMatch(/0 resolved; .* is up to date/)
    expect(fs.readFileSync(lockOf(dir), 'utf8')).toBe(bytes)
    expect(server.requests.length).toBe(requests)
  })

  it('offline, a missing record is an error at the citation, saying to run galley refs', async () => {
    const dir = folder()
    const check = await galley(['check', path.join(dir, 'letter.md')])
    expect(check.code).toBe(1)
    expect(check.stderr).toContain(`letter.md:${FRONT_LINES + 1}:25  error  ${BALIN} has no record in references.lock.json: run \`galley refs\``)
    expect(check.stderr).toContain(`letter.md:${FRONT_LINES + 3}:7  error  pmid:28936472 has no record`)
    expect(check.stderr).not.toContain('citation-unknown')
    process.env.CI = 'true'
    try {
      const refs = await galley(['refs', path.join(dir, 'letter.md')])
      expect(refs.code).toBe(1)
      expect(refs.stderr).toMatch(/has no record in references.lock.json and Galley is offline \(CI is set\)/)
      const build = await galley(['build', path.join(dir, 'letter.md'), '--out', path.join(dir, 'out'), '--format', 'jats'])
      expect(build.code).toBe(1)
      expect(build.stderr).toContain('reference-unresolved')
    } finally {
      delete process.env.CI
    }
    expect(fs.existsSync(lockOf(dir))).toBe(false)
  })

  it('the first online build resolves what is missing; the CI build from the lock gives the same bytes', async () => {
    const dir = folder()
    const first = await galley(['build', path.join(dir, 'letter.md'), '--out', path.join(dir, 'a'), '--format', 'jats,html'])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toMatch(/resolving 2 identifiers missing from references.lock.json/)
    process.env.CI = '1'
    try {
      const requests = server.requests.length
      const ci = await galley(['build', path.join(dir, 'letter.md'), '--out', path.join(dir, 'b'), '--format', 'jats,html'])
      expect(ci.code, ci.stderr).toBe(0)
      expect(server.requests.length).toBe(requests)
    } finally {
      delete process.env.CI
    }
    for (const name of ['letter.xml', 'letter.html']) {
      expect(fs.readFileSync(path.join(dir, 'b', name), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'a', name), 'utf8'))
    }
    expect(fs.readFileSync(path.join(dir, 'b', 'letter.xml'), 'utf8')).toContain('<pub-id pub-id-type="doi">10.1001/archdermatol.2011.2052</pub-id>')
  })

  it('the letter with reference 1 cited by DOI instead of BibTeX: same numbers, same reference list, same bytes', async () => {
    const original = fixture({})
    fs.cpSync(path.join(ROOT, 'manuscript'), original, { recursive: true })
    const byDoi = fixture({})
    fs.cpSync(path.join(ROOT, 'manuscript'), byDoi, { recursive: true })
    const letter = fs.readFileSync(path.join(byDoi, 'letter.md'), 'utf8')
    expect(letter).toContain('[@balin2012]')
    fs.writeFileSync(path.join(byDoi, 'letter.md'), letter.replaceAll('[@balin2012]', `[@${BALIN}]`))
    const bib = fs.readFileSync(path.join(byDoi, 'references.bib'), 'utf8')
    fs.writeFileSync(path.join(byDoi, 'references.bib'), bib.replace(/@article\{balin2012,[\s\S]*?\n\}\n/, ''))
    expect((await galley(['refs', path.join(byDoi, 'letter.md')])).code).toBe(0)
    process.env.CI = 'true'
    try {
      for (const dir of [original, byDoi]) {
        const run = await galley(['build', path.join(dir, 'letter.md'), '--out', path.join(dir, 'out'), '--format', 'jats,html'])
        expect(run.code, run.stderr).toBe(0)
      }
    } finally {
      delete process.env.CI
    }
    for (const name of ['letter.xml', 'letter.html']) {
      expect(fs.readFileSync(path.join(byDoi, 'out', name), 'utf8')).toBe(fs.readFileSync(path.join(original, 'out', name), 'utf8'))
    }
  })

  it('a fault is a finding at the citation and leaves the lock file as it was', async () => {
    const dir = folder()
    await galley(['refs', path.join(dir, 'letter.md')])
    const bytes = fs.readFileSync(lockOf(dir), 'utf8')
    fs.appendFileSync(path.join(dir, 'letter.md'), '\nAnd [@doi:10.1001/archdermatol.2099.0000] and [@doi:10.5555/no-csl-json].\n')
    const run = await galley(['refs', path.join(dir, 'letter.md')])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(new RegExp(`letter.md:${FRONT_LINES + 5}:6  error  DOI content negotiation knows no work doi:10.1001/archdermatol.2099.0000 .* reference-not-found`))
    expect(run.stderr).toMatch(new RegExp(`letter.md:${FRONT_LINES + 5}:48  error  Cannot resolve doi:10.5555/no-csl-json: the service answered text/html, not CSL-JSON .* reference-invalid-response`))
    expect(run.stderr).toMatch(/references.lock.json is unchanged/)
    expect(fs.readFileSync(lockOf(dir), 'utf8')).toBe(bytes)
  })

  it('a malformed identifier is one finding at the citation', async () => {
    const dir = folder('See [@doi:10.1001] and [@pmcid:5597880].\n')
    const check = await galley(['check', path.join(dir, 'letter.md'), '--format', 'json'])
    const found = JSON.parse(check.stdout).filter((finding: { file: string }) => finding.file.endsWith('letter.md'))
    expect(found.map((finding: { line: number; column: number; ruleId: string }) => [finding.line, finding.column, finding.ruleId]))
      .toEqual([[FRONT_LINES + 1, 6, 'reference-identifier'], [FRONT_LINES + 1, 25, 'reference-identifier']])
    expect(found[1].message).toMatch(/Cannot cite @pmcid:5597880: "5597880" is not a PubMed Central ID/)
  })

  it('a work cited by identifier that the bibliography also lists is a warning at the citation', async () => {
    const bib = BIB.replace('doi = {10.5555/alpha}', 'doi = {10.1016/j.jdcr.2017.06.018}')
    const dir = folder('See [@alpha2020; @gamma2021; @delta2019; @eta2018] and [@pmid:28936472].\n', { 'refs.bib': bib })
    expect((await galley(['refs', path.join(dir, 'letter.md')])).code).toBe(0)
    const check = await galley(['check', path.join(dir, 'letter.md')])
    expect(check.stderr).toContain(`letter.md:${FRONT_LINES + 1}:57  warning  @pmid:28936472 is the work of bibliography entry "alpha2020" (the same identifier), so the reference list would have it twice: cite @alpha2020 instead  reference-duplicate`)
  })

  it('a bibliography entry with only a DOI takes its record from the lock', async () => {
    const bib = `${BIB}\n@article{lopez2017,\n  doi = {10.1016/j.jdcr.2017.06.018}\n}\n`
    const dir = folder('Cited [@alpha2020], [@lopez2017], @gamma2021 and [@delta2019; @eta2018].\n', { 'refs.bib': bib })
    const before = prepareArticle(path.join(dir, 'letter.md'))
    expect(before.files.flatMap((file) => file.messages.map((message) => `${file.path}:${message.line} ${message.ruleId}`))).toEqual([`refs.bib:32 reference-unresolved`.replace('refs.bib', path.join(dir, 'refs.bib'))])
    expect((await galley(['refs', path.join(dir, 'letter.md')])).code).toBe(0)
    const after = prepareArticle(path.join(dir, 'letter.md'))
    expect(after.article!.references[1].csl).toMatchObject({ id: 'lopez2017', title: expect.stringMatching(/^Facial calcinosis cutis/), page: '460-463' })
  })

  it('--update shows what changed, field by field, and keeps unchanged records byte for byte', async () => {
    const dir = folder()
    await galley(['refs', path.join(dir, 'letter.md')])
    const lock = readLockJson(dir)
    const stale = { ...lock.references[BALIN].csl, volume: '147', page: '455-461' }
    const entries = new Map([[BALIN, newLockEntry(stale, 'https://doi.org/x', new Date('2020-01-01T00:00:00Z'))], ['pmid:28936472', lock.references['pmid:28936472']]])
    fs.writeFileSync(lockOf(dir), serializeLock(entries))
    const run = await galley(['refs', path.join(dir, 'letter.md'), '--update'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain(`${BALIN}\n  page: "455-461" → "455-462"\n  volume: "147" → "148"\n`)
    expect(run.stdout).toContain('pmid:28936472: unchanged')
    const updated = readLockJson(dir).references
    expect(updated[BALIN].csl.volume).toBe('148')
    expect(updated['pmid:28936472']).toEqual(lock.references['pmid:28936472'])
  })

  it('--check finds a planted mismatch at the entry\'s line, and none in the letter', async () => {
    const bib = BIB.replace('doi = {10.5555/alpha}', 'doi = {10.1001/archdermatol.2011.2052}')
    const dir = folder('[@alpha2020; @gamma2021; @delta2019; @eta2018]\n', { 'refs.bib': bib })
    const run = await galley(['refs', path.join(dir, 'letter.md'), '--check'])
    expect(run.code).toBe(1)
    const bibPath = path.join(dir, 'refs.bib')
    expect(run.stderr).toContain(`${bibPath}:5:3  warning  Reference "alpha2020" (${BALIN}): the DOI resolves to a 2012 article, the entry says 2020`)
    expect(run.stderr).toContain(`${bibPath}:2:3  warning  Reference "alpha2020" (${BALIN}): the DOI resolves to an article with first author Balin, the entry says Alpha`)
    expect(run.stderr).toContain(`${bibPath}:3:3  warning  Reference "alpha2020" (${BALIN}): the DOI resolves to an article with title “Calcinosis cutis`)
    expect(run.stderr).toMatch(/6 differences with the bibliography/)
    // The record is locked, so CI can check again offline.
    process.env.CI = 'true'
    try {
      const offline = await galley(['refs', path.join(dir, 'letter.md'), '--check'])
      expect(offline.stderr).toMatch(/6 differences/)
    } finally {
      delete process.env.CI
    }

    const letter = fixture({})
    fs.cpSync(path.join(ROOT, 'manuscript'), letter, { recursive: true })
    const clean = await galley(['refs', path.join(letter, 'letter.md'), '--check'])
    expect(clean.stderr).toMatch(/4 identifiers, 4 resolved; wrote .*; 0 differences with the bibliography/)
    expect(clean.code).toBe(0)
  })
})
