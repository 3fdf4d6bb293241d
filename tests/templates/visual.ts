/**
 * Visual regression for templates: renders compared with committed PNGs in
 * tests/templates/visual/. `UPDATE_VISUAL=1 npx vitest run tests/templates`
 * rewrites the references after an intended change of look.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'
import type { Browser } from 'puppeteer-core'

export const VISUAL_DIR = fileURLToPath(new URL('visual/', import.meta.url))
const UPDATE = process.env.UPDATE_VISUAL === '1'
/** pixelmatch's per-pixel colour threshold, and the share of pixels allowed to differ. */
const THRESHOLD = 0.1
const TOLERANCE = 0.005

/** Page 1 of a PDF at 60 dpi, as poppler draws it. */
export function firstPagePng(pdfFile: string): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-visual-'))
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfFile, path.join(dir, 'page')])
    return fs.readFileSync(path.join(dir, 'page.png'))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The top 1600 px of the HTML page at 1280 px wide, JavaScript off, fonts loaded. */
export async function htmlScreenshot(browser: Browser, htmlFile: string): Promise<Buffer> {
  const page = await browser.newPage()
  try {
    await page.setJavaScriptEnabled(false)
    await page.setViewport({ width: 1280, height: 1600 })
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' })
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    return Buffer.from(await page.screenshot({ type: 'png' }))
  } finally {
    await page.close()
  }
}

export interface VisualResult {
  /** Why the render does not match, or undefined when it does. */
  problem?: string
  differing: number
}

/** Compares `png` with the reference `name`.png, or writes it there under UPDATE_VISUAL=1. */
export function matchReference(name: string, png: Buffer): VisualResult {
  const referenceFile = path.join(VISUAL_DIR, `${name}.png`)
  if (UPDATE) {
    fs.mkdirSync(VISUAL_DIR, { recursive: true })
    fs.writeFileSync(referenceFile, png)
    return { differing: 0 }
  }
  if (!fs.existsSync(referenceFile)) {
    return { differing: Infinity, problem: `no reference ${referenceFile}: run UPDATE_VISUAL=1 npx vitest run tests/templates` }
  }
  const actual = PNG.sync.read(png)
  const expected = PNG.sync.read(fs.readFileSync(referenceFile))
  const failed = path.join(os.tmpdir(), 'galley-visual-failures')
  const keep = () => {
    fs.mkdirSync(failed, { recursive: true })
    fs.writeFileSync(path.join(failed, `${name}.actual.png`), png)
  }
  if (actual.width !== expected.width || actual.height !== expected.height) {
    keep()
    return { differing: Infinity, problem: `${name}: ${actual.width}×${actual.height} px, reference ${expected.width}×${expected.height} px (render kept in ${failed})` }
  }
  const diff = new PNG({ width: actual.width, height: actual.height })
  const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: THRESHOLD })
  const share = differing / (actual.width * actual.height)
  if (share <= TOLERANCE) return { differing }
  keep()
  fs.writeFileSync(path.join(failed, `${name}.diff.png`), PNG.sync.write(diff))
  return {
    differing,
    problem: `${name}: ${(share * 100).toFixed(2)}% of pixels differ (at most ${TOLERANCE * 100}% allowed); render and diff in ${failed}. ` +
      'If the change is intended: UPDATE_VISUAL=1 npx vitest run tests/templates',
  }
}
