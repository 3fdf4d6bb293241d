/**
 * Timings for the PDF stage: `node --import tsx tests/pdf/measure.ts`.
 * Launch (median of 5 fresh browsers) and render of the fixture: first page in a new browser,
 * then the median of 5 with the browser warm.
 */
import { fileURLToPath } from 'node:url'
import { launchBrowser } from '../../src/pdf/browser.ts'
import { renderPdf } from '../../src/pdf/render.ts'

const letter = fileURLToPath(new URL('fixtures/letter.html', import.meta.url))
const info = { title: 'Tidal Pools as Clocks', authors: ['A. Author'], keywords: [], lang: 'en', date: new Date(0) }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const time = async (fn: () => Promise<unknown>) => {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

const launches: number[] = []
for (let i = 0; i < 5; i++) {
  let browser
  launches.push(await time(async () => (browser = await launchBrowser())))
  await browser!.close()
}

const browser = await launchBrowser()
const first = await time(() => renderPdf(browser, letter, info))
const warm: number[] = []
for (let i = 0; i < 5; i++) warm.push(await time(() => renderPdf(browser, letter, info)))
const closeMs = await time(() => browser.close())

const ms = (x: number) => `${Math.round(x)} ms`
console.log(`launch (median of 5): ${ms(median(launches))}  [${launches.map(ms).join(', ')}]`)
console.log(`first render, new browser: ${ms(first)}`)
console.log(`warm render (median of 5): ${ms(median(warm))}  [${warm.map(ms).join(', ')}]`)
console.log(`close: ${ms(closeMs)}`)
