import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startPreviewServer, type PreviewServer } from '../../src/watch/server.ts'
import { get, sse } from './fixture.ts'

let root: string
let outDir: string
let server: PreviewServer | undefined
const PAGE = '<!doctype html><html><head><title>x</title></head><body><p>Letter</p></body></html>'

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-serve-'))
  outDir = path.join(root, 'output')
  fs.mkdirSync(path.join(outDir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(outDir, 'letter.html'), PAGE)
  fs.writeFileSync(path.join(outDir, 'letter.pdf'), '%PDF-1.7\n')
  fs.writeFileSync(path.join(outDir, 'letter.xml'), '<article/>')
  fs.writeFileSync(path.join(outDir, 'fig 1.png'), 'png')
  fs.writeFileSync(path.join(outDir, 'assets/a.woff2'), 'font')
  fs.writeFileSync(path.join(outDir, 'letter.meca.zip'), 'PK')
  fs.mkdirSync(path.join(outDir, 'supplementary'))
  fs.writeFileSync(path.join(outDir, 'supplementary/table-s1.csv'), 'a,b\n')
  fs.writeFileSync(path.join(outDir, 'data.bin'), 'bytes')
  fs.mkdirSync(path.join(outDir, '.galley-staging-x'))
  fs.writeFileSync(path.join(outDir, '.galley-staging-x/letter.html'), 'half-built')
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside')
})

afterEach(async () => {
  await server?.close()
  server = undefined
  fs.rmSync(root, { recursive: true, force: true })
})

const start = async () => (server = await startPreviewServer({ outDir, page: 'letter.html', pdf: 'letter.pdf', port: 0 }))

describe('preview server', () => {
  it('serves the page with the live-reload script and PDF link injected, leaving the file alone', async () => {
    const { url } = await start()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const page = await get(url)
    expect(page.status).toBe(200)
    expect(page.type).toBe('text/html; charset=utf-8')
    const html = page.body.toString()
    expect(html).toContain('<script id="galley-live" data-galley-live>')
    expect(html).toContain("new EventSource('/__galley/events')")
    expect(html).toMatch(/<a id="galley-pdf" data-galley-live href="\/letter\.pdf\?v=\d+"/)
    expect(html.indexOf('galley-live')).toBeLessThan(html.indexOf('</body>'))
    expect((await get(`${url}letter.html`)).body.toString()).toContain('galley-live')
    expect(fs.readFileSync(path.join(outDir, 'letter.html'), 'utf8')).toBe(PAGE)
  })

  it('serves outputs with their content types', async () => {
    const { url } = await start()
    expect(await get(`${url}letter.pdf`)).toMatchObject({ status: 200, type: 'application/pdf' })
    expect(await get(`${url}letter.xml`)).toMatchObject({ status: 200, type: 'application/xml; charset=utf-8' })
    expect(await get(`${url}fig%201.png`)).toMatchObject({ status: 200, type: 'image/png' })
    expect(await get(`${url}assets/a.woff2`)).toMatchObject({ status: 200, type: 'font/woff2' })
    expect(await get(`${url}letter.meca.zip`)).toMatchObject({ status: 200, type: 'application/zip' })
    expect(await get(`${url}supplementary/table-s1.csv`)).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' })
    expect(await get(`${url}data.bin`)).toMatchObject({ status: 200, type: 'application/octet-stream' })
    expect((await get(`${url}nothing.png`)).status).toBe(404)
    expect((await get(`${url}assets`)).status).toBe(404)
  })

  it('refuses paths out of the output folder, staging folders and foreign hosts', async () => {
    const { url } = await start()
    for (const escape of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..\\secret.txt']) {
      const response = await get(url.replace(/\/$/, '') + escape)
      expect(response.status, escape).toBe(403)
      expect(response.body.toString()).not.toContain('outside')
    }
    expect((await get(`${url}.galley-staging-x/letter.html`)).status).toBe(404)
    expect((await get(url, { Host: 'attacker.example:80' })).status).toBe(403)
  })

  it('pushes the new page, then the PDF link after a good build and the findings after a failed one, also to late subscribers', async () => {
    const preview = await start()
    const client = sse(`${preview.url}__galley/events`)
    await client.connected
    preview.showPage({ seq: 3, html: '<main><p>new</p></main>' })
    expect(JSON.parse(await client.next('page'))).toEqual({ seq: 3, html: '<main><p>new</p></main>' })
    preview.announce({ seq: 3, ok: true })
    expect(JSON.parse(await client.next('built'))).toEqual({ seq: 3, pdf: expect.stringMatching(/^\/letter\.pdf\?v=\d+$/) })
    preview.announce({ seq: 4, ok: false, text: 'letter.md:3:5  error  Unknown citation key "nokey"' })
    expect(JSON.parse(await client.next('failure')).text).toContain('letter.md:3:5')
    const late = sse(`${preview.url}__galley/events`)
    expect(JSON.parse(await late.next('failure')).text).toContain('nokey')
    client.close()
    late.close()
  })

  it('shows a placeholder until there is a page', async () => {
    fs.rmSync(path.join(outDir, 'letter.html'))
    const { url } = await start()
    const html = (await get(url)).body.toString()
    expect(html).toContain('No letter.html yet')
    expect(html).toContain('href="/letter.pdf"')
    expect(html).toContain('galley-live')
  })

  it('moves to the next port when the first is taken', async () => {
    const blocker = http.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const taken = (blocker.address() as { port: number }).port
    try {
      server = await startPreviewServer({ outDir, page: 'letter.html', port: taken, tries: 5 })
      expect(server.url).not.toContain(`:${taken}/`)
      expect((await get(server.url)).status).toBe(200)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})
