/** `galley watch --serve` end to end: real files, real Chromium for the PDF, real HTTP and SSE. */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser } from '../../src/pdf/warm.ts'
import { watchCommand } from '../../src/watch/command.ts'
import { get, sse, until, workspace, type Workspace } from './fixture.ts'

let space: Workspace | undefined
afterEach(() => space?.remove())
afterAll(() => closeBrowser())

function capture() {
  const lines: string[] = []
  const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text), color: false }
  const waitFor = (pattern: RegExp, from = 0) =>
    until(() => {
      const text = lines.slice(from).join('\n')
      if (/→ failed/.test(text) && !/failed/.test(pattern.source)) throw new Error(`build failed:\n${text}`)
      return text.match(pattern)
    }, 90_000, `output matching ${pattern}`)
  return { lines, io, waitFor }
}

describe('galley watch', () => {
  it('serves a live preview and rebuilds all three outputs on each edit', async () => {
    space = workspace()
    const { lines, io, waitFor } = capture()
    const stop = new AbortController()
    const args = [space.manuscript, '--out', space.outDir, '--template', space.template, '--serve', '--port', '0']
    const running = watchCommand(args, io, { signal: stop.signal })
    try {
      const url = (await waitFor(/Preview: (http:\/\/127\.0\.0\.1:\d+\/)/))[1]
      await waitFor(/first build → letter\.xml \d+ ms, letter\.html \d+ ms, letter\.pdf \d+ ms \(total \d+ ms\)/)
      await waitFor(/^Watching 6 files and .*template; Ctrl-C stops$/m)

      const page = await get(url)
      expect(page.status).toBe(200)
      expect(page.body.toString()).toContain('<script id="galley-live" data-galley-live>')
      expect(space.read('output/letter.html')).not.toContain('galley-live')
      const pdf = await get(`${url}letter.pdf`)
      expect(pdf.type).toBe('application/pdf')
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-')
      expect((await get(`${url}../package.json`)).status).toBe(403)

      const events = sse(`${url}__galley/events`)
      await events.connected
      let from = lines.length
      space.edit('manuscript/letter.md', 'Calcinosis is an infrequent', 'Calcinosis is an uncommon')
      const shown = JSON.parse(await events.next('page'))
      expect(shown.html).toContain('Calcinosis is an uncommon')
      expect(JSON.parse(await events.next('built')).seq).toBe(shown.seq)
      expect(lines.slice(from).join('\n')).toMatch(/^\d\d:\d\d:\d\d letter\.md changed → letter\.xml \d+ ms, letter\.html \d+ ms, letter\.pdf \d+ ms \(total \d+ ms\)$/m)
      expect(space.text('output/letter.html')).toContain('Calcinosis is an uncommon')
      expect(Buffer.compare(space.outputs().get('letter.pdf')!, pdf.body)).not.toBe(0)

      const good = space.outputs()
      from = lines.length
      space.edit('manuscript/letter.md', 'very scarce [@balin2012].', 'very scarce [@nokey].')
      const failure = JSON.parse(await events.next('failure')).text as string
      expect(failure).toMatch(/letter\.md:\d+:\d+ {2}error {2}Unknown citation key "nokey"/)
      expect(lines.slice(from).join('\n')).toMatch(/letter\.md changed → failed \(1 error\); previous outputs kept\n.*letter\.md:\d+:\d+ {2}error/)
      expect(space.outputs()).toEqual(good)

      space.edit('manuscript/letter.md', '[@nokey]', '[@balin2012]')
      await events.next('built')
      events.close()
    } finally {
      stop.abort()
      expect(await running).toBe(0)
    }
  })

  it('prints its help, and refuses bad options', async () => {
    const { lines, io } = capture()
    expect(await watchCommand(['--help'], io)).toBe(0)
    expect(lines.join('\n')).toContain('Usage: galley watch [manuscript.md]')
    expect(await watchCommand(['--format', 'docx'], io)).toBe(2)
    expect(await watchCommand(['--port', 'http'], io)).toBe(2)
    expect(await watchCommand(['--bogus'], io)).toBe(2)
    expect(lines.slice(1).every((line) => line.startsWith('galley watch: '))).toBe(true)
  })
})
