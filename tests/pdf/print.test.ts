/**
 * A browser that hangs or dies while printing, with real Chromium: the
 * render is bounded, retried once on a fresh browser, and every browser
 * process is gone afterwards (checked with ps). A page that never finishes
 * loading is made with a named pipe for an image: Chromium waits on it for
 * ever, as it would on a stalled disk or network mount.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { afterAll, describe, expect, it } from 'vitest'
import { launchBrowser, profileParent } from '../../src/pdf/browser.ts'
import { pdfTimeout, printPdf } from '../../src/pdf/print.ts'
import type { PdfInfo } from '../../src/pdf/render.ts'
import { galley } from '../e2e/build.ts'
import { PNG_1x1, manuscript } from '../helpers.ts'

const INFO: PdfInfo = { title: 'Stalled', authors: [], keywords: [], lang: 'en' }
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-print-test-'))
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

/** A page whose image is a named pipe nobody writes to. */
function stalledPage(name: string): { page: string; image: string } {
  const dir = path.join(scratch, name)
  fs.mkdirSync(dir)
  const image = path.join(dir, 'stalled.png')
  execFileSync('mkfifo', [image])
  const page = path.join(dir, 'page.html')
  fs.writeFileSync(page, '<!doctype html><html lang="en"><title>Stalled</title><p>Waiting.</p><img src="stalled.png" alt="a pipe"></html>\n')
  return { page, image }
}

/** Like warmBrowser: the same browser while it is connected, a new one after; every one launched is kept. */
function launcher() {
  const launched: Browser[] = []
  let current: Browser | undefined
  const get = async () => {
    if (!current?.connected) launched.push(current = await launchBrowser())
    return current
  }
  return { get, launched }
}

/** Live processes in the process groups of these browsers (Puppeteer makes each the leader of its own). */
function liveProcesses(browsers: readonly Browser[]): string[] {
  const groups = new Set(browsers.map((browser) => String(browser.process()?.pid)))
  return execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,comm='], { encoding: 'utf8' }).split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, pgid, stat]) => pid && groups.has(pgid) && !stat.startsWith('Z'))
    .map((fields) => fields.join(' '))
}

/** Killed processes take a moment to go. */
async function settledProcesses(list: () => string[]): Promise<string[]> {
  for (let waited = 0; waited < 5000 && list().length > 0; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100))
  return list()
}

describe('printPdf', () => {
  it('gives a page that never finishes loading a deadline, retries once on a fresh browser, and closes both', async () => {
    const { page } = stalledPage('hang')
    const { get, launched } = launcher()
    await expect(printPdf(get, page, INFO, { timeout: 3000 })).rejects.toThrow(
      'Chromium did not finish printing the page within 3 s (set GALLEY_PDF_TIMEOUT to allow more seconds); a second try on a fresh browser failed the same way')
    expect(launched).toHaveLength(2)
    expect(launched.map((browser) => browser.connected)).toEqual([false, false])
    expect(await settledProcesses(() => liveProcesses(launched))).toEqual([])
  })

  /**
   * Sends `signal` to the browser's main process while it prints a stalled
   * page (the render cannot end before: the page waits on the pipe), then
   * unblocks the page, so that only a retry on a fresh browser can print it.
   */
  async function printThrough(signal: NodeJS.Signals, timeout: number) {
    const { page, image } = stalledPage(signal)
    const { get, launched } = launcher()
    const first = await get()
    const printing = printPdf(get, page, INFO, { timeout })
    await new Promise((resolve) => setTimeout(resolve, 1000))
    process.kill(first.process()!.pid!, signal)
    fs.rmSync(image)
    fs.writeFileSync(image, PNG_1x1)
    const pdf = await printing
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    expect(launched).toHaveLength(2)
    expect(first.connected).toBe(false)
    expect(await settledProcesses(() => liveProcesses([first]))).toEqual([])
    await launched[1].close()
    expect(await settledProcesses(() => liveProcesses(launched))).toEqual([])
  }

  // The main process only, as a crash would: its renderers and utility processes are left to end.
  it('reports a browser killed mid-render, and prints on a fresh one', () => printThrough('SIGKILL', 30_000))

  it('kills a hung browser (stopped mid-render) at the deadline, and prints on a fresh one', () => printThrough('SIGSTOP', 4000))

  it('closes a hung browser in seconds, not after the protocol timeout of minutes', async () => {
    const { get, launched } = launcher()
    const browser = await get()
    process.kill(browser.process()!.pid!, 'SIGSTOP')
    const started = performance.now()
    await browser.close()
    expect(performance.now() - started).toBeLessThan(20_000)
    expect(await settledProcesses(() => liveProcesses(launched))).toEqual([])
  })

  it('does not retry what a fresh browser would fail the same way', async () => {
    const { get, launched } = launcher()
    await expect(printPdf(get, path.join(scratch, 'missing.html'), INFO)).rejects.toThrow(/^HTML for the PDF not found/)
    expect(launched).toHaveLength(1)
    await launched[0].close()
  })

  // What a single build does (build-command.ts): kill the browser as soon as it has printed.
  it('tells once the browser is needed no more, and finishes the same PDF without it', async () => {
    const dir = path.join(scratch, 'let-go')
    fs.mkdirSync(dir)
    // One of the letter's figures, which is printed from a placeholder and put back after.
    fs.copyFileSync(path.join(import.meta.dirname, '../../manuscript/figures/fig2-ct.png'), path.join(dir, 'figure.png'))
    const page = path.join(dir, 'page.html')
    fs.writeFileSync(page, '<!doctype html><html lang="en"><title>Let go</title><p>A figure.</p><img src="figure.png" alt="CT" style="width: 80mm"></html>\n')
    const { get, launched } = launcher()
    const kept = await printPdf(get, page, INFO)
    let told = 0
    const letGo = await printPdf(get, page, INFO, {
      onPrinted: () => {
        told++
        void launched[0].close()
      },
    })
    expect(told).toBe(1)
    expect(launched).toHaveLength(1)
    expect(Buffer.from(letGo).equals(Buffer.from(kept))).toBe(true)
    expect(await settledProcesses(() => liveProcesses(launched))).toEqual([])
  })

  it('reads its deadline from GALLEY_PDF_TIMEOUT, in seconds, and refuses one that is not a number', () => {
    expect(pdfTimeout({})).toBe(60_000)
    expect(pdfTimeout({ GALLEY_PDF_TIMEOUT: '2.5' })).toBe(2500)
    expect(() => pdfTimeout({ GALLEY_PDF_TIMEOUT: 'soon' })).toThrow('GALLEY_PDF_TIMEOUT is "soon": give the seconds a PDF may take to print, e.g. GALLEY_PDF_TIMEOUT=120')
  })
})

describe('a build whose PDF times out', () => {
  const profiles = () => fs.readdirSync(profileParent()).filter((name) => name.startsWith(`galley-chromium-${process.pid}-`))
  const browsersOfThisProcess = () => execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' }).split('\n')
    .filter((line) => line.includes(`galley-chromium-${process.pid}-`) && !line.trim().startsWith('Z'))

  it('is one build-failed error at the manuscript naming the cause, with no browser left running', async () => {
    const dir = manuscript('Cited [@alpha2020].\n')
    const saved = process.env.GALLEY_PDF_TIMEOUT
    process.env.GALLEY_PDF_TIMEOUT = '0.001'
    try {
      const run = await galley(['build', path.join(dir, 'letter.md'), '--out', path.join(dir, 'out'), '--format', 'pdf'])
      expect(run.code).toBe(1)
      const [line] = run.stderr.split('\n').filter((text) => text.includes('build-failed'))
      expect(line).toMatch(/letter\.md:1:1 {2}error {2}Build failed in the pdf stage: Chromium did not finish printing the page within 0\.001 s \(set GALLEY_PDF_TIMEOUT to allow more seconds\); a second try on a fresh browser failed the same way\. If the manuscript/)
      expect(fs.existsSync(path.join(dir, 'out/letter.pdf'))).toBe(false)
    } finally {
      if (saved === undefined) delete process.env.GALLEY_PDF_TIMEOUT
      else process.env.GALLEY_PDF_TIMEOUT = saved
    }
    expect(await settledProcesses(browsersOfThisProcess)).toEqual([])
    expect(profiles()).toEqual([])
  })
})
