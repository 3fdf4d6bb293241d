/**
 * The preview in a real Chromium page: an edit is patched into the open page
 * (no reload: what the page's window holds survives, the scroll position and
 * the figures' elements stay), before the PDF, whose link follows the build.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../src/pdf/browser.ts'
import { closeBrowser } from '../../src/pdf/warm.ts'
import { watchCommand } from '../../src/watch/command.ts'
import { until, workspace, type Workspace } from './fixture.ts'

let space: Workspace | undefined
afterEach(() => space?.remove())
afterAll(() => closeBrowser())

declare global {
  interface Window {
    kept?: string
  }
}

describe('galley watch --serve in a browser', () => {
  it('patches the open page in place with an edit, then updates its PDF link', async () => {
    space = workspace()
    const lines: string[] = []
    const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text), color: false }
    const stop = new AbortController()
    const running = watchCommand([space.manuscript, '--out', space.outDir, '--template', space.template, '--serve', '--port', '0'], io, { signal: stop.signal })
    // The author's browser: not the one Galley prints with.
    const viewer = await launchBrowser()
    const page = await viewer.newPage()
    try {
      const url = (await until(() => lines.join('\n').match(/Preview: (\S+)/), 90_000, 'the preview'))[1]
      await until(() => lines.some((line) => line.startsWith('Watching')), 90_000, 'the first build')
      await page.setViewport({ width: 800, height: 500 })
      await page.goto(url, { waitUntil: 'load' })
      const before = await page.evaluate(() => {
        window.kept = 'from before the edit'
        scrollTo(0, 600)
        ;(document.images[0] as HTMLImageElement & { kept?: boolean }).kept = true
        return { y: scrollY, pdf: document.getElementById('galley-pdf')?.getAttribute('href') }
      })
      expect(before.y).toBe(600)
      expect(before.pdf).toMatch(/^\/letter\.pdf\?v=\d+$/)

      const patched = page.evaluate(() => new Promise<{ text: string; pdf: string | null | undefined }>((resolve) => {
        addEventListener('galley:patched', () => resolve({
          text: document.querySelector('main')?.textContent ?? '',
          pdf: document.getElementById('galley-pdf')?.getAttribute('href'),
        }), { once: true })
      }))
      const built = page.evaluate(() => new Promise<void>((resolve) => addEventListener('galley:built', () => resolve(), { once: true })))
      space.edit('manuscript/letter.md', 'Calcinosis is an infrequent', 'Calcinosis is an uncommon')
      const shown = await patched
      expect(shown.text.replace(/\u00ad/g, '')).toContain('Calcinosis is an uncommon')
      // Shown before the PDF was printed: the link still points at the old one.
      expect(shown.pdf).toBe(before.pdf)
      await built

      const after = await page.evaluate(() => ({
        kept: window.kept,
        y: scrollY,
        figureKept: (document.images[0] as HTMLImageElement & { kept?: boolean }).kept,
        figuresLoaded: [...document.images].every((image) => image.complete && image.naturalWidth > 0),
        pdf: document.getElementById('galley-pdf')?.getAttribute('href'),
        live: document.querySelectorAll('#galley-live, #galley-pdf, #galley-live-style').length,
      }))
      expect(after).toMatchObject({ kept: 'from before the edit', y: 600, figureKept: true, figuresLoaded: true, live: 3 })
      expect(after.pdf).toMatch(/^\/letter\.pdf\?v=\d+$/)
      expect(after.pdf).not.toBe(before.pdf)
    } finally {
      await viewer.close()
      stop.abort()
      expect(await running).toBe(0)
    }
  })
})
