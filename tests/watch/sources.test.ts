import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { prepareArticle } from '../../src/prepare/article.ts'
import { diffSources, isInside, sourcesOf } from '../../src/watch/sources.ts'
import { workspace, type Workspace } from './fixture.ts'

let space: Workspace
afterEach(() => space?.remove())

describe('sourcesOf', () => {
  it('lists the manuscript, bibliography, lock file, figures and template folder of a good build', () => {
    space = workspace()
    const prepared = prepareArticle(space.manuscript, { cwd: space.dir, template: space.template })
    expect(prepared.article).toBeDefined()
    const sources = sourcesOf(prepared, space.manuscript)
    const inManuscript = (name: string) => path.join(space.dir, 'manuscript', name)
    expect(sources.files).toEqual([
      inManuscript('figures/fig1-malar-plaques.png'),
      inManuscript('figures/fig2-ct.png'),
      inManuscript('figures/fig3-ultrasound.png'),
      inManuscript('letter.md'),
      inManuscript('references.bib'),
      inManuscript('references.lock.json'),
    ])
    expect(sources.folders).toEqual([space.template])
  })

  it('lists the case report\'s subfigure panels and its supplementary file, as its outputs copy them', () => {
    space = workspace()
    const manuscript = path.join(space.dir, 'manuscript/case-report/case-report.md')
    const prepared = prepareArticle(manuscript, { cwd: space.dir })
    expect(prepared.article).toBeDefined()
    const inReport = (name: string) => path.join(space.dir, 'manuscript/case-report', name)
    expect(sourcesOf(prepared, manuscript).files).toEqual(expect.arrayContaining([
      inReport('figures/before.svg'),
      inReport('figures/after.svg'),
      inReport('supplementary/table-s1.csv'),
    ]))
  })

  it('adds a CSL file the front matter names', () => {
    space = workspace()
    fs.copyFileSync(path.join(space.dir, 'manuscript/references.bib'), path.join(space.dir, 'manuscript/refs2.bib'))
    const style = path.join(space.dir, 'manuscript/style.csl')
    fs.writeFileSync(style, '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>T</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info><citation><layout><text variable="citation-number"/></layout></citation><bibliography><layout><text variable="title"/></layout></bibliography></style>')
    space.edit('manuscript/letter.md', 'bibliography: references.bib', 'bibliography: references.bib\ncsl: style.csl')
    const prepared = prepareArticle(space.manuscript, { cwd: space.dir, template: space.template })
    expect(sourcesOf(prepared, space.manuscript).files).toContain(style)
  })

  it('keeps what it watched, plus named images and missing files, while the manuscript is broken', () => {
    space = workspace()
    const good = sourcesOf(prepareArticle(space.manuscript, { cwd: space.dir, template: space.template }), space.manuscript)
    space.edit('manuscript/letter.md', 'bibliography: references.bib', 'bibliography: missing.bib')
    space.edit('manuscript/letter.md', 'figures/fig2-ct.png', 'figures/new.png')
    const broken = prepareArticle(space.manuscript, { cwd: space.dir, template: space.template })
    expect(broken.article).toBeUndefined()
    const sources = sourcesOf(broken, space.manuscript, good)
    expect(sources.files).toEqual(expect.arrayContaining([...good.files, path.join(space.dir, 'manuscript/missing.bib'), path.join(space.dir, 'manuscript/figures/new.png')]))
    expect(sources.folders).toEqual(good.folders)
  })
})

describe('diffSources and isInside', () => {
  it('tells what to start and stop watching', () => {
    expect(diffSources({ files: ['/a', '/b'], folders: ['/t'] }, { files: ['/b', '/c'], folders: ['/u'] }))
      .toEqual({ added: ['/c', '/u'], removed: ['/a', '/t'] })
  })

  it('knows a folder from a sibling with a longer name', () => {
    expect(isInside('/x/template/a.css', '/x/template')).toBe(true)
    expect(isInside('/x/template2/a.css', '/x/template')).toBe(false)
    expect(isInside('/x/template', '/x/template')).toBe(false)
    expect(isInside('/x/..hidden', '/x')).toBe(true)
  })
})
