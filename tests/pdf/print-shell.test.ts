/** What two print pages share: tree in, shell and swapped parts out. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { afterAll, describe, expect, it } from 'vitest'
import { pageParts } from '../../src/pdf/print-shell.ts'

const folder = mkdtempSync(join(tmpdir(), 'galley-print-shell-'))
writeFileSync(join(folder, 'screen.css'), 'p { color: black }')
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** A letter's page as the HTML emitter makes it, with what differs between letters given. */
const letter = (title: string, head = '', body = `<p>${title}</p>`): Root =>
  fromHtml(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="citation_title" content="${title}"><link rel="alternate" type="application/pdf" href="${title}.pdf">
<script type="application/ld+json">{"headline": "${title}"}</script>
<style>:root { --galley-running-title: "${title}" }</style>
<link rel="stylesheet" href="screen.css"><style>@font-face { font-family: Serif; src: url("serif.woff2") }</style>${head}
</head><body class="letter">${body}</body></html>`)

describe('pageParts', () => {
  it("gives two letters the same shell: their titles, metadata, JSON-LD and custom properties are swapped, in their places", () => {
    const first = pageParts(letter('First'), folder)!
    const second = pageParts(letter('Second'), folder)!
    expect(second.shell).toBe(first.shell)
    expect(second.headElements).toBe(8)
    expect(second.headSwaps.map(({ index, tagName }) => [index, tagName])).toEqual([
      [0, 'meta'], [1, 'title'], [2, 'meta'], [3, 'link'], [4, 'script'], [5, 'style'],
    ])
    expect(second.headSwaps[5].html).toBe('<style>:root { --galley-running-title: "Second" }</style>')
    expect(second.body).toBe('<p>Second</p>')
  })

  it('keeps in the shell what loads something or acts once inserted, and the files the head names', () => {
    const shellOf = (title: string, head: string) => pageParts(letter(title, head), folder)!.shell
    // A style sheet that loads nothing is swapped in, whatever it says, escapes in its strings too.
    expect(shellOf('First', '<style>:root { --x: "say \\"hi\\" \\3c " }</style>')).toBe(shellOf('Second', '<style>:root { --x: "hi" }</style>'))
    expect(shellOf('First', '<style>p { color: red }</style>')).toBe(shellOf('Second', '<style>p { color: blue }</style>'))
    expect(shellOf('First', '<style>p { color: red }</style>')).not.toBe(shellOf('First', ''))
    for (const [one, other] of [
      ['<style>p { background: url(a.png) }</style>', '<style>p { background: url(b.png) }</style>'],
      ['<style>@import "a.css";</style>', '<style>@import "b.css";</style>'],
      ['<style>p { background: \\75rl(a.png) }</style>', '<style>p { background: \\75rl(b.png) }</style>'],
      ['<meta http-equiv="refresh" content="1">', '<meta http-equiv="refresh" content="2">'],
      ['<link rel="alternate stylesheet" href="a.css">', '<link rel="alternate stylesheet" href="b.css">'],
      ['<link rel="icon" href="a.png">', '<link rel="icon" href="b.png">'],
      ['<script type="module">1</script>', '<script type="module">2</script>'],
    ]) {
      expect(shellOf('First', one), one).not.toBe(shellOf('First', other))
    }
    const before = shellOf('First', '')
    writeFileSync(join(folder, 'screen.css'), 'p { color: navy }')
    expect(shellOf('First', '')).not.toBe(before)
  })

  it('gives no parts for a page with a base URL of its own', () => {
    expect(pageParts(letter('First', '<base href="elsewhere/">'), folder)).toBeUndefined()
  })

  it("keeps the body's own attributes in the shell", () => {
    const withClass = (name: string) => fromHtml(`<!doctype html><html><head><title>T</title></head><body class="${name}"><p>x</p></body></html>`)
    expect(pageParts(withClass('letter'), folder)!.shell).not.toBe(pageParts(withClass('review'), folder)!.shell)
  })
})
