import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { error } from '../../src/diagnostics/messages.ts'
import { buildLine, verboseLines } from '../../src/watch/summary.ts'
import type { BuildEvent } from '../../src/watch/watcher.ts'

const options = { color: false, cwd: '/work', manuscriptDir: '/work/manuscript' }
const at = new Date(2024, 0, 1, 12, 4, 31)

function event(overrides: Partial<BuildEvent>): BuildEvent {
  return { seq: 3, ok: true, changed: ['/work/manuscript/letter.md'], written: [], outputs: [], timings: [], totalMs: 0, startedAt: at, files: [], ...overrides }
}

describe('buildLine', () => {
  it('names the change and times each output', () => {
    const line = buildLine(event({
      written: ['letter.xml', 'letter.html', 'assets/font.woff2', 'fig1.png', 'letter.pdf'],
      outputs: ['letter.xml', 'letter.html', 'letter.pdf'],
      timings: [['prepare', 10], ['jats', 30], ['validate', 11], ['html', 35], ['browser', 2], ['pdf', 610], ['write', 4]],
      totalMs: 702.4,
    }), options)
    expect(line).toBe('12:04:31 letter.md changed → letter.xml 41 ms, letter.html 35 ms, letter.pdf 612 ms (total 702 ms)')
  })

  it('counts the page towards the PDF when HTML is not an output', () => {
    const line = buildLine(event({ written: ['letter.pdf'], outputs: ['letter.pdf'], timings: [['html', 40], ['browser', 1], ['pdf', 500]], totalMs: 560 }), options)
    expect(line).toContain('letter.pdf 541 ms')
  })

  it('counts everything a MECA package needs towards it, once, when nothing else is an output', () => {
    const timings: BuildEvent['timings'] = [['jats', 30], ['validate', 10], ['html', 40], ['browser', 1], ['pdf', 500], ['meca', 20], ['meca-check', 5], ['write', 4]]
    expect(buildLine(event({ outputs: ['letter.meca.zip'], timings, totalMs: 620 }), options)).toContain('letter.meca.zip 606 ms')
    const both = buildLine(event({ outputs: ['letter.pdf', 'letter.meca.zip'], timings, totalMs: 620 }), options)
    expect(both).toContain('letter.pdf 541 ms, letter.meca.zip 65 ms')
  })

  it('says which files changed, relative to the manuscript or the working folder', () => {
    const line = buildLine(event({ changed: ['/work/manuscript/references.bib', '/work/templates/x/print.css', '/elsewhere/a.csl'], written: [] }), options)
    expect(line).toContain('references.bib, templates/x/print.css, /elsewhere/a.csl changed')
    expect(buildLine(event({ seq: 0, changed: [] }), options)).toContain('first build →')
  })

  it('reports a failure with its error count', () => {
    const file = new VFile({ path: 'manuscript/letter.md' })
    error(file, 'Unknown citation key "nokey"', { line: 3, column: 5 }, 'citation-unknown')
    expect(buildLine(event({ ok: false, files: [file] }), options)).toBe('12:04:31 letter.md changed → failed (1 error); previous outputs kept')
    expect(verboseLines(event({ ok: false, files: [file], timings: [['prepare', 12]] }))).toBe('  findings: 1 error, 0 warnings\n  stages: prepare 12 ms')
  })

  it('paints only when asked', () => {
    expect(buildLine(event({ written: ['letter.xml'], outputs: ['letter.xml'] }), { ...options, color: true })).toContain('\u001b[')
  })
})
