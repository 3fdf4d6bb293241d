/**
 * `galley build FOLDER` and `galley build a.md b.md`: every manuscript built
 * into its own folder, a bad one failing alone, a summary that says so.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { findManuscripts, outputFolders } from '../../src/batch/manuscripts.ts'
import { stopValidatorThread, validatorThreadRunning } from '../../src/jats/validate-thread.ts'
import { BIB, FRONT, LETTER, fixture } from '../helpers.ts'

const letter = (title: string, body = 'Cited [@alpha2020].\n') => FRONT.replace(/^title: .*$/m, `title: "${title}"`) + body

async function galley(args: string[], cwd: string) {
  let stderr = ''
  const previous = process.cwd()
  process.chdir(cwd)
  try {
    const code = await main(args, { out: () => {}, err: (text) => { stderr += `${text}\n` }, color: false })
    return { code, stderr }
  } finally {
    process.chdir(previous)
  }
}

describe('batch build', () => {
  it('builds every manuscript of a folder into its own folder; a bad one fails alone and the exit status says so', async () => {
    const dir = fixture({
      'issue/one/letter.md': letter('First letter'), 'issue/one/refs.bib': BIB,
      'issue/two/letter.md': letter('Second letter', 'Cited [@nosuch2020].\n'), 'issue/two/refs.bib': BIB,
      'issue/three/letter.md': letter('Third letter'), 'issue/three/refs.bib': BIB,
      'issue/README.md': '# Not a manuscript\n',
    })
    const { code, stderr } = await galley(['build', 'issue/', '--format', 'jats,html', '--out', 'out', '--jobs', '2'], dir)
    expect(code).toBe(1)
    for (const name of ['one', 'three']) {
      const xml = fs.readFileSync(path.join(dir, 'out', name, 'letter.xml'), 'utf8')
      expect(xml).toContain(name === 'one' ? 'First letter' : 'Third letter')
      expect(fs.existsSync(path.join(dir, 'out', name, 'letter.html'))).toBe(true)
    }
    expect(fs.existsSync(path.join(dir, 'out', 'two'))).toBe(false)
    expect(stderr).toContain('issue/two/letter.md:')
    expect(stderr).toContain('citation-unknown')
    // The three works the letters leave uncited are warnings; the unknown key is the error.
    const table = stderr.split('\n').filter((line) => /^issue\/\w+\/letter\.md\s/.test(line))
    expect(table).toEqual([
      expect.stringMatching(/^issue\/one\/letter\.md\s+built\s+0\s+3\s+[\d.]+ s\s+out\/one\/$/),
      expect.stringMatching(/^issue\/three\/letter\.md\s+built\s+0\s+3\s+[\d.]+ s\s+out\/three\/$/),
      expect.stringMatching(/^issue\/two\/letter\.md\s+failed\s+1\s+4\s+[\d.]+ s\s+-$/),
    ])
    expect(stderr).toMatch(/2 built, 1 failed/)
  })

  it('builds files named one by one, and exits 0 when all are built', async () => {
    const dir = fixture({ 'x.md': letter('Letter X'), 'y.md': letter('Letter Y'), 'refs.bib': BIB })
    const { code, stderr } = await galley(['build', 'x.md', 'y.md', '--format', 'jats', '--out', 'out'], dir)
    expect(code, stderr).toBe(0)
    expect(fs.readFileSync(path.join(dir, 'out/x/x.xml'), 'utf8')).toContain('Letter X')
    expect(fs.readFileSync(path.join(dir, 'out/y/y.xml'), 'utf8')).toContain('Letter Y')
  })

  it('validates the JATS in the validator thread, as a single build does', async () => {
    await stopValidatorThread()
    const dir = fixture({ 'x.md': letter('Letter X'), 'y.md': letter('Letter Y'), 'refs.bib': BIB })
    const { code, stderr } = await galley(['build', 'x.md', 'y.md', '--format', 'jats', '--out', 'out'], dir)
    expect(code, stderr).toBe(0)
    expect(validatorThreadRunning()).toBe(true)
    await stopValidatorThread()
  })

  it('builds only its shard', async () => {
    const dir = fixture({ 'a.md': letter('A'), 'b.md': letter('B'), 'c.md': letter('C'), 'refs.bib': BIB })
    const { code } = await galley(['build', '.', '--format', 'jats', '--out', 'out', '--shard', '2/2'], dir)
    expect(code).toBe(0)
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['b'])
  })

  it('refuses a bad --shard or --jobs, and a path that is not there', async () => {
    const dir = fixture({ 'a.md': letter('A'), 'refs.bib': BIB })
    for (const args of [['--shard', '3/2'], ['--jobs', '0'], ['nowhere/']]) {
      expect((await galley(['build', 'a.md', 'a.md', ...args], dir)).code, args.join(' ')).toBe(2)
    }
  })
})

describe('output folders', () => {
  it('gives no two manuscripts one folder', () => {
    const set = ['/m/a/letter.md', '/m/a.md', '/m/b/letter.md', '/m/b/other.md', '/m/c.md']
    const folders = outputFolders(set, '/out')
    expect(new Set(folders.values()).size).toBe(set.length)
    expect(folders.get('/m/b/other.md')).toBe('/out/b/other')
    expect(outputFolders(['/m/a/letter.md', '/m/b/letter.md'], '/out')).toEqual(new Map([['/m/a/letter.md', '/out/a'], ['/m/b/letter.md', '/out/b']]))
  })

  it('finds .md files in folders, README.md, hidden folders and output/ aside', () => {
    const dir = fixture({ 'a/letter.md': '', 'a/README.md': '', '.git/x.md': '', 'output/y.md': '', 'b.md': '', 'c.txt': '' })
    expect(findManuscripts(['.'], dir).manuscripts.map((file) => path.relative(dir, file))).toEqual(['a/letter.md', 'b.md'])
  })
})

describe('batch build with PDF', () => {
  it('prints each manuscript with the one browser, into its own folder', async () => {
    const dir = fixture({ 'a/letter.md': letter('Letter A'), 'a/refs.bib': BIB, 'b/letter.md': letter('Letter B'), 'b/refs.bib': BIB })
    const { code, stderr } = await galley(['build', 'a/letter.md', 'b/letter.md', '--out', 'out', '--jobs', '2'], dir)
    expect(code, stderr).toBe(0)
    for (const name of ['a', 'b']) {
      expect(fs.readFileSync(path.join(dir, 'out', name, 'letter.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
      expect(fs.readFileSync(path.join(dir, 'out', name, 'letter.html'), 'utf8')).toContain(`Letter ${name.toUpperCase()}`)
    }
  })
})

describe('batch build, outputs', () => {
  /** Every file under `dir`, relative, sorted. */
  const filesUnder = (dir: string): string[] =>
    (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort()

  it('are byte for byte those of a single build of each manuscript, its print page reused for the next', async () => {
    // The letter with its figures, three times, each with a title of its own and the middle one
    // in another journal's template (other fonts and style sheets on a page printed on before).
    const original = fs.readFileSync(LETTER, 'utf8')
    const templates = ['actas-dermo-sifiliograficas', 'clinical-case-letters', 'actas-dermo-sifiliograficas']
    const dir = fixture({})
    for (const [index, template] of templates.entries()) {
      const copy = path.join(dir, 'issue', String(index + 1))
      fs.cpSync(path.dirname(LETTER), copy, { recursive: true, filter: (source) => !source.includes('case-report') })
      fs.writeFileSync(path.join(copy, 'letter.md'), original
        .replace(/^title: "/m, `title: "Case ${index + 1}: `).replace(/^template: .*$/m, `template: ${template}`))
    }
    const batch = await galley(['build', 'issue', '--out', 'batch', '--jobs', '2'], dir)
    expect(batch.code, batch.stderr).toBe(0)
    for (const name of ['1', '2', '3']) {
      const single = await galley(['build', path.join('issue', name, 'letter.md'), '--out', path.join('single', name), '--quiet'], dir)
      expect(single.code, single.stderr).toBe(0)
      const files = filesUnder(path.join(dir, 'single', name))
      expect(files).toEqual(expect.arrayContaining(['letter.xml', 'letter.html', 'letter.pdf']))
      expect(filesUnder(path.join(dir, 'batch', name))).toEqual(files)
      for (const file of files) {
        const same = fs.readFileSync(path.join(dir, 'batch', name, file)).equals(fs.readFileSync(path.join(dir, 'single', name, file)))
        expect(same, `${name}/${file}`).toBe(true)
      }
    }
  })
})
