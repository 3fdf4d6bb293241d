/**
 * axe-core in real Chromium: zero violations at WCAG 2.1 AA (and of the landmark and heading
 * rules), for every shipped template and every example manuscript, in screen and print media.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../src/pdf/browser.ts'
import { LETTER, ROOT } from '../helpers.ts'
import { SHIPPED } from '../templates/build.ts'
import { buildLetter } from './build.ts'

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const MANUSCRIPTS = { letter: LETTER, sections: path.join(ROOT, 'examples/sections/letter.md') }
const RULES = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
} as const
/** Best-practice rules the issue asks for too: one main, everything in landmarks, one h1, headings in order. */
const STRUCTURE_RULES = ['landmark-one-main', 'region', 'page-has-heading-one', 'heading-order', 'landmark-unique']

let browser: Browser
const outs: string[] = []
beforeAll(async () => { browser = await launchBrowser() })
afterAll(async () => {
  await browser?.close()
  outs.forEach((out) => fs.rmSync(out, { recursive: true, force: true }))
})

interface Finding { id: string; targets: string[] }

async function axe(html: string, media: 'screen' | 'print'): Promise<Finding[]> {
  const page = await browser.newPage()
  try {
    // axe schedules its work with timers, so this page runs scripts (the letter has none of its own).
    await page.emulateMediaType(media)
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' })
    await page.evaluate(AXE)
    const run = (options: unknown) => page.evaluate(async (opts) => {
      const result = await (globalThis as unknown as { axe: { run: (d: Document, o: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(document, opts)
      return result.violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }))
    }, options as never)
    return [...await run(RULES), ...await run({ runOnly: { type: 'rule', values: STRUCTURE_RULES } })]
  } finally {
    await page.close()
  }
}

describe.each(SHIPPED.flatMap((template) => Object.entries(MANUSCRIPTS).map(([name, manuscript]) => ({ template, name, manuscript }))))(
  'the page of the $name example with $template',
  ({ template, manuscript }) => {
    let html = ''
    beforeAll(async () => {
      const { out } = await buildLetter(['--template', template, '--format', 'html'], manuscript)
      outs.push(out)
      html = path.join(out, 'letter.html')
    })

    it.each(['screen', 'print'] as const)('has no axe violation in %s media', async (media) => {
      expect(await axe(html, media)).toEqual([])
    })

    it('has one main landmark holding the article, and the ORCID badge named with its text', async () => {
      const source = fs.readFileSync(html, 'utf8')
      expect(source.match(/<main>/g)).toHaveLength(1)
      expect(source).toMatch(/<main>\s*<article>/)
      for (const badge of source.matchAll(/<a class="orcid"[^>]*aria-label="([^"]+)"[^>]*>([^<]+)<\/a>/g)) expect(badge[1]).toContain(badge[2])
    })
  },
)
