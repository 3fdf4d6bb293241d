/** Watching a real copy of the letter, HTML and JATS only (fast); the PDF is in command.test.ts. */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { reportText } from '../../src/cli/report.ts'
import { createWatcher, type BuildEvent, type Watcher } from '../../src/watch/watcher.ts'
import { workspace, type Workspace } from './fixture.ts'

let space: Workspace
let watcher: Watcher | undefined

afterEach(async () => {
  await watcher?.close()
  watcher = undefined
  space?.remove()
})

/** A numeric style whose entries start with `prefix`, to see which version formatted them. */
function cslStyle(prefix: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Watch test</title><id>watch-test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography><layout><text value="${prefix}"/><text variable="title"/></layout></bibliography>
</style>`
}

/** A failed build's findings make the failure message. */
function expectOk(build: BuildEvent) {
  expect(build.ok, reportText(build.files) + JSON.stringify(build.files.map((f) => f.messages.map((m) => [m.line, m.column, m.reason.length])))).toBe(true)
  return build
}

function start(debounceMs?: number) {
  space = workspace()
  watcher = createWatcher({ manuscript: 'manuscript/letter.md', cwd: space.dir, outDir: 'output', formats: ['jats', 'html'], template: space.template, debounceMs })
  return watcher
}

/**
 * Files edited before watching starts get a time in the past: a file-system
 * clock a little ahead of Date.now() would make the watcher take them for
 * fresh edits and build once more.
 */
function predate(...files: string[]): void {
  const past = new Date(Date.now() - 10_000)
  for (const file of files) fs.utimesSync(file, past, past)
}

describe('createWatcher', () => {
  it('rebuilds on an edit, keeps the last good outputs on a broken one, and recovers', async () => {
    const first = await start().ready
    expect(first).toMatchObject({ seq: 0, ok: true, changed: [] })
    expect(first.written).toEqual(expect.arrayContaining(['letter.xml', 'letter.html', 'fig1-malar-plaques.png']))

    let next = watcher!.nextBuild()
    space.edit('manuscript/letter.md', 'Calcinosis is an infrequent', 'Calcinosis is an uncommon')
    const edited = await next
    expect(edited).toMatchObject({ seq: 1, ok: true, changed: [space.manuscript] })
    expect(space.text('output/letter.html')).toContain('Calcinosis is an uncommon')
    expect(space.text('output/letter.xml')).toContain('Calcinosis is an uncommon')
    // The preview's page first, so it need not wait for the JATS to validate.
    expect(edited.timings.map(([stage]) => stage)).toEqual(['prepare', 'html', 'jats', 'validate', 'write'])

    const good = space.outputs()
    next = watcher!.nextBuild()
    space.edit('manuscript/letter.md', 'very scarce [@balin2012].', 'very scarce [@nokey].')
    const broken = await next
    expect(broken.ok).toBe(false)
    expect(broken.written).toEqual([])
    const line = space.read('manuscript/letter.md').split('\n').findIndex((text) => text.includes('[@nokey]')) + 1
    expect(reportText(broken.files)).toMatch(new RegExp(`manuscript/letter\\.md:${line}:\\d+  error  Unknown citation key "nokey"`))
    expect(space.outputs()).toEqual(good)

    next = watcher!.nextBuild()
    space.edit('manuscript/letter.md', '[@nokey]', '[@balin2012]')
    expectOk(await next)
    expect(space.text('output/letter.html')).toContain('Calcinosis is an uncommon')
  })

  it('rebuilds for the bibliography, a figure and the template folder', async () => {
    await start().ready
    let next = watcher!.nextBuild()
    fs.appendFileSync(path.join(space.dir, 'manuscript/references.bib'), '\n% a comment\n')
    expect((await next).changed).toEqual([path.join(space.dir, 'manuscript/references.bib')])

    next = watcher!.nextBuild()
    const figure = path.join(space.dir, 'manuscript/figures/fig2-ct.png')
    fs.appendFileSync(figure, Buffer.alloc(1))
    expect(expectOk(await next).changed).toEqual([figure])
    expect(fs.readFileSync(path.join(space.outDir, 'fig2-ct.png'))).toEqual(fs.readFileSync(figure))

    next = watcher!.nextBuild()
    fs.appendFileSync(path.join(space.template, 'screen.css'), '\n.galley-watch-test { color: red }\n')
    expect((await next).changed).toEqual([path.join(space.template, 'screen.css')])
  })

  it('builds again for every save, also one made the moment a build ends', async () => {
    // chokidar drops a second change event within 50 ms of the first; a build of
    // the JATS and HTML is about that long, so half these saves used to be lost.
    await start().ready
    const original = space.read('manuscript/letter.md')
    for (let index = 0; index < 30; index++) {
      const next = watcher!.nextBuild()
      const word = `uncommon${index}`
      fs.writeFileSync(space.manuscript, original.replace('Calcinosis is an infrequent', `Calcinosis is an ${word}`))
      const built = await Promise.race([next, new Promise<undefined>((resolve) => setTimeout(resolve, 5000))])
      expect(built, `save ${index + 1} of 30 was not built within 5 s`).toBeDefined()
      expectOk(built!)
      expect(space.text('output/letter.html')).toContain(`Calcinosis is an ${word}`)
    }
    // A file inside the watched template folder, the same way.
    const css = path.join(space.template, 'screen.css')
    const sheet = fs.readFileSync(css, 'utf8')
    for (let index = 0; index < 10; index++) {
      const next = watcher!.nextBuild()
      fs.writeFileSync(css, `${sheet}\n.galley-watch-test-${index} { color: red }\n`)
      const built = await Promise.race([next, new Promise<undefined>((resolve) => setTimeout(resolve, 5000))])
      expect(built, `stylesheet save ${index + 1} of 10 was not built within 5 s`).toBeDefined()
      // A manuscript event chokidar delivers late may ride along: an extra build, never a lost one.
      expect(expectOk(built!).changed).toContain(css)
      expect(space.read('output/letter.html')).toContain(`.galley-watch-test-${index} {`)
    }
  })

  it('rebuilds when a supplementary file the manuscript links to changes', async () => {
    space = workspace()
    const manuscript = 'manuscript/case-report/case-report.md'
    watcher = createWatcher({ manuscript, cwd: space.dir, outDir: 'output', formats: ['jats', 'html'] })
    expectOk(await watcher.ready)
    const next = watcher.nextBuild()
    const table = path.join(space.dir, 'manuscript/case-report/supplementary/table-s1.csv')
    fs.appendFileSync(table, 'added,row\n')
    expect(expectOk(await next).changed).toEqual([table])
    expect(fs.readFileSync(path.join(space.outDir, 'supplementary/table-s1.csv'))).toEqual(fs.readFileSync(table))
  })

  it('rebuilds when a CSL file the front matter names changes', async () => {
    space = workspace()
    const style = path.join(space.dir, 'manuscript/style.csl')
    fs.writeFileSync(style, cslStyle('First: '))
    space.edit('manuscript/letter.md', 'bibliography: references.bib', 'bibliography: references.bib\ncsl: style.csl')
    predate(style, path.join(space.dir, 'manuscript/letter.md'))
    watcher = createWatcher({ manuscript: 'manuscript/letter.md', cwd: space.dir, outDir: 'output', formats: ['html'], template: space.template })
    expectOk(await watcher.ready)
    expect(watcher.sources().files).toContain(style)
    const next = watcher.nextBuild()
    fs.writeFileSync(style, cslStyle('Second: '))
    expect(expectOk(await next).changed).toEqual([style])
  })

  // citation-js keeps one citeproc engine per style name: an edited .csl must not reuse the old one.
  it('formats the references with the edited CSL file', async () => {
    space = workspace()
    const style = path.join(space.dir, 'manuscript/style.csl')
    fs.writeFileSync(style, cslStyle('First: '))
    space.edit('manuscript/letter.md', 'bibliography: references.bib', 'bibliography: references.bib\ncsl: style.csl')
    predate(style, path.join(space.dir, 'manuscript/letter.md'))
    watcher = createWatcher({ manuscript: 'manuscript/letter.md', cwd: space.dir, outDir: 'output', formats: ['html'], template: space.template })
    await watcher.ready
    expect(space.text('output/letter.html')).toContain('First: ')
    const next = watcher.nextBuild()
    fs.writeFileSync(style, cslStyle('Second: '))
    expectOk(await next)
    expect(space.text('output/letter.html')).toContain('Second: ')
  })

  it('follows saves by rename (vim, VS Code) and makes one build of a burst', async () => {
    // A window wide enough that the burst below stays inside it on a busy machine.
    await start(100).ready
    const file = space.manuscript
    const text = () => fs.readFileSync(file, 'utf8')
    // vim (backupcopy=no): move the original aside, write a new file, drop the backup.
    let next = watcher!.nextBuild()
    const vimmed = text().replace('infrequent', 'vimmed')
    fs.renameSync(file, `${file}~`)
    fs.writeFileSync(file, vimmed)
    fs.rmSync(`${file}~`)
    expectOk(await next)
    expect(space.text('output/letter.html')).toContain('vimmed')

    // Atomic save: write a temporary file beside it, rename it over; twice, to show the watch survived.
    for (const word of ['renamed', 'again']) {
      next = watcher!.nextBuild()
      const tmp = path.join(path.dirname(file), `.letter.md.${word}.tmp`)
      fs.writeFileSync(tmp, text().replace(/vimmed|renamed/, word))
      fs.renameSync(tmp, file)
      const build = await next
      expect(build.changed).toEqual([file])
      expect(space.text('output/letter.html')).toContain(word)
    }

    // Three writes inside the debounce window: one build, showing the last.
    const builds: number[] = []
    watcher!.on('build', (build) => builds.push(build.seq))
    next = watcher!.nextBuild()
    for (const word of ['one', 'two', 'three']) {
      fs.writeFileSync(file, text().replace(/again|one|two/, word))
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await next
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(builds).toHaveLength(1)
    expect(space.text('output/letter.html')).toContain('three')
  })

  it('starts watching a figure the manuscript adds, and stops watching one it drops', async () => {
    await start().ready
    const added = path.join(space.dir, 'manuscript/figures/fig4.png')
    fs.copyFileSync(path.join(space.dir, 'manuscript/figures/fig1-malar-plaques.png'), added)
    let next = watcher!.nextBuild()
    space.edit('manuscript/letter.md', '(@fig-ct)', '(@fig-ct, @fig-extra)')
    space.edit('manuscript/letter.md', 'Dystrophic calcinosis', '![An extra figure.](figures/fig4.png){#fig-extra fig-alt="The same plaques."}\n\nDystrophic calcinosis')
    expectOk(await next)
    expect(watcher!.sources().files).toContain(added)

    next = watcher!.nextBuild()
    fs.appendFileSync(added, Buffer.alloc(1))
    expect((await next).changed).toEqual([added])

    next = watcher!.nextBuild()
    space.edit('manuscript/letter.md', '(@fig-ct, @fig-extra)', '(@fig-ct)')
    space.edit('manuscript/letter.md', /!\[An extra figure.*\n\n/, '')
    expectOk(await next)
    expect(watcher!.sources().files).not.toContain(added)
    const builds: number[] = []
    watcher!.on('build', (build) => builds.push(build.seq))
    fs.appendFileSync(added, Buffer.alloc(1))
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(builds).toEqual([])
  })

  it('closes while the first build is still running', async () => {
    const closing = start().close()
    await expect(closing).resolves.toBeUndefined()
  })
})
