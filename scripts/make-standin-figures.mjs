#!/usr/bin/env node
// Regenerates the three stand-in figure images in manuscript/figures/.
//
// The image files of the published letter's figures are not available, so the
// manuscript carries clearly labelled placeholders (the captions in letter.md
// are the real ones). Each image is an HTML page screenshotted with headless
// Chromium.
//
//   node scripts/make-standin-figures.mjs            # uses /usr/bin/chromium
//   CHROMIUM=/path/to/chrome node scripts/make-standin-figures.mjs

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'manuscript', 'figures')
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium'
const fontDir = path.join(root, 'node_modules', '@fontsource', 'source-sans-3', 'files')

const figures = [
  {
    file: 'fig1-malar-plaques.png',
    width: 1200,
    height: 800,
    label: 'Fig. 1 — clinical photograph',
    panels: [],
  },
  {
    file: 'fig2-ct.png',
    width: 1600,
    height: 800,
    label: 'Fig. 2 — CT, coronal (A) and transverse (B)',
    panels: [
      { mark: 'A', name: 'coronal' },
      { mark: 'B', name: 'transverse' },
    ],
  },
  {
    file: 'fig3-ultrasound.png',
    width: 1200,
    height: 800,
    label: 'Fig. 3 — skin ultrasound, M-mode 18 MHz',
    panels: [],
  },
]

// Calm slate/blue palette, flat colours only (they compress well).
const c = {
  page: '#e9eef3',
  frame: '#9fb1c3',
  panel: '#dde5ed',
  ink: '#2f4a66',
  soft: '#566b80',
  card: '#f7f9fb',
}

function fontFace(weight) {
  const url = pathToFileURL(path.join(fontDir, `source-sans-3-latin-${weight}-normal.woff2`)).href
  return `@font-face{font-family:'Source Sans 3';font-weight:${weight};src:url('${url}') format('woff2')}`
}

function escape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function page(fig) {
  const panels = fig.panels.length
    ? `<div class="panels">${fig.panels
        .map((p) => `<div class="panel"><span class="mark">${p.mark}</span><span class="pname">${escape(p.name)}</span></div>`)
        .join('')}</div>`
    : `<div class="panels"><div class="panel"></div></div>`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(fig.label)}</title>
<style>
${fontFace(400)}
${fontFace(600)}
${fontFace(700)}
*{box-sizing:border-box;margin:0;padding:0}
html,body{width:${fig.width}px;height:${fig.height}px;overflow:hidden;background:${c.page};
  font-family:'Source Sans 3',sans-serif;color:${c.ink}}
.panels{position:absolute;inset:40px;display:flex;gap:40px}
.panel{flex:1;position:relative;background:${c.panel};border:4px dashed ${c.frame};border-radius:18px}
.mark{position:absolute;top:22px;left:32px;font-size:96px;font-weight:700;line-height:1;color:${c.ink}}
.pname{position:absolute;bottom:26px;left:0;right:0;text-align:center;font-size:38px;font-weight:600;color:${c.soft}}
.card{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);width:${fig.width - 200}px;
  background:${c.card};border:3px solid ${c.frame};border-radius:16px;padding:46px 40px 50px;text-align:center}
.stand{font-size:104px;font-weight:700;letter-spacing:.06em;line-height:1.05}
.na{margin-top:18px;font-size:46px;font-weight:400;color:${c.soft}}
.rule{margin:34px auto 30px;width:55%;border-top:3px solid ${c.frame}}
.which{font-size:48px;font-weight:600;white-space:nowrap}
</style></head>
<body>
${panels}
<div class="card">
  <div class="stand">STAND-IN IMAGE</div>
  <div class="na">The published figure is not available</div>
  <div class="rule"></div>
  <div class="which">${escape(fig.label)}</div>
</div>
</body></html>
`
}

fs.mkdirSync(outDir, { recursive: true })
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-'))
try {
  for (const fig of figures) {
    const html = path.join(tmp, fig.file.replace(/\.png$/, '.html'))
    fs.writeFileSync(html, page(fig))
    const profile = fs.mkdtempSync(path.join(tmp, 'profile-'))
    const out = path.join(outDir, fig.file)
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        `--window-size=${fig.width},${fig.height}`,
        `--screenshot=${out}`,
        pathToFileURL(html).href,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    console.log(`${path.relative(root, out)}  ${fs.statSync(out).size} bytes`)
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}
