/**
 * `galley watch --serve` as an author sees it: a real Chromium page open on
 * the preview, a one-word edit saved, and the time until the page's DOM
 * carries it (the live script's `galley:patched` event), then until the PDF
 * link follows (`galley:built`). Clocks: the page's Date.now() and ours are
 * the same machine's.
 */
import fs from 'node:fs'
import path from 'node:path'
import { launchBrowser } from '../src/pdf/browser.ts'
import { watchCommand } from '../src/watch/command.ts'
import { median } from './measure.ts'
import type { Row } from './run.ts'

export async function measurePreview({ dir, letter, runs }: { dir: string; letter: string; runs: number }): Promise<Row[]> {
  const lines: string[] = []
  const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text), color: false }
  const stop = new AbortController()
  const running = watchCommand([letter, '--out', path.join(dir, 'watch-preview'), '--serve', '--port', '0', '--quiet'], io, { signal: stop.signal })
  const original = fs.readFileSync(letter, 'utf8')
  // The author's browser: not the one Galley prints with.
  const viewer = await launchBrowser()
  const page = await viewer.newPage()
  const patchedMs: number[] = []
  const builtMs: number[] = []
  try {
    const url = await waitFor(() => lines.join('\n').match(/Preview: (\S+)/)?.[1])
    // The first build is done when the page it wrote is served instead of the placeholder.
    await waitFor(async () => fs.existsSync(path.join(dir, 'watch-preview', 'letter.pdf')))
    await page.goto(url, { waitUntil: 'load' })
    for (let index = 0; index < runs; index++) {
      const word = `infrequent${index}`
      const shown = page.evaluate((wanted) => new Promise<{ patched: number; built: number }>((resolve) => {
        const listening = new AbortController()
        let patched = 0
        addEventListener('galley:patched', () => {
          if (!patched && document.body.textContent?.includes(wanted)) patched = Date.now()
        }, { signal: listening.signal })
        addEventListener('galley:built', () => {
          if (!patched) return
          listening.abort()
          resolve({ patched, built: Date.now() })
        }, { signal: listening.signal })
      }), word)
      // Lets the listeners be in place before the save.
      await page.evaluate(() => 0)
      const saved = Date.now()
      fs.writeFileSync(letter, original.replace('an infrequent complication', `an ${word} complication`))
      const { patched, built } = await shown
      patchedMs.push(patched - saved)
      builtMs.push(built - saved)
    }
  } finally {
    await viewer.close()
    stop.abort()
    await running
    fs.writeFileSync(letter, original)
  }
  const patched = median(patchedMs)
  return [
    { what: 'watch --serve: save → edit in the open page\'s DOM (Chromium)', galley: { wallMs: patched, cpuMs: Number.NaN }, target: '< 100 ms', met: patched < 100 },
    { what: 'watch --serve: save → PDF link updated', galley: { wallMs: median(builtMs), cpuMs: Number.NaN } },
  ]
}

async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 120_000): Promise<NonNullable<Awaited<T>>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<Awaited<T>>
    if (Date.now() > deadline) throw new Error('the watch preview did not start')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
