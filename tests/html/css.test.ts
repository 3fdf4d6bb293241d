import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cssString, inlineStyles, uniqueAssets } from '../../src/html/css.ts'
import { textOf } from './util.ts'

describe('inlineStyles', () => {
  it('rewrites relative url()s to assets/ and leaves data:, http: and fragments alone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-css-'))
    mkdirSync(path.join(dir, 'css/fonts'), { recursive: true })
    const file = path.join(dir, 'css/screen.css')
    writeFileSync(file, [
      "@font-face { src: url(fonts/a.woff2) format('woff2'), url('../b.woff?v=2#x') }",
      'i { background: url("data:image/png;base64,AA"), url(https://example.org/c.png), url(#f) }',
    ].join('\n'))
    const { styles, assets } = inlineStyles([file], dir, 'print')
    expect(styles[0].properties.media).toBe('print')
    const css = textOf(styles[0])
    expect(css).toContain('url("assets/a.woff2") format(\'woff2\'), url("assets/b.woff")')
    expect(css).toContain('url("data:image/png;base64,AA"), url(https://example.org/c.png), url(#f)')
    expect(assets).toEqual([
      { from: path.join(dir, 'css/fonts/a.woff2'), to: 'assets/a.woff2' },
      { from: path.join(dir, 'b.woff'), to: 'assets/b.woff' },
    ])
  })
})

describe('uniqueAssets', () => {
  it('drops repeats and refuses two files for one target', () => {
    expect(uniqueAssets([{ from: '/a/x.woff2', to: 'assets/x.woff2' }, { from: '/a/x.woff2', to: 'assets/x.woff2' }]))
      .toHaveLength(1)
    expect(() => uniqueAssets([{ from: '/a/x.woff2', to: 'assets/x.woff2' }, { from: '/b/x.woff2', to: 'assets/x.woff2' }]))
      .toThrow(/Two files would be copied to assets\/x.woff2/)
  })
})

describe('cssString', () => {
  it('quotes and escapes so nothing can close the string or the <style>', () => {
    expect(cssString('a "b" \\ </style>')).toBe('"a \\"b\\" \\\\ \\3c /style\\3e "')
  })

  it('writes every control character as a hex escape, so none can end the string or the rule', () => {
    for (let code = 0; code < 0xa0; code++) {
      if (code >= 0x20 && code < 0x7f) continue
      const char = String.fromCharCode(code)
      const escaped = cssString(`a${char}} h1 { display: none }`)
      expect(escaped, `U+${code.toString(16)}`).not.toContain(char)
      expect(escaped).toBe(`"a\\${(code === 0 ? 0xfffd : code).toString(16)} } h1 { display: none }"`)
    }
  })

  it('keeps a front-matter heading with \\r and \\f inside its CSS string (no rule escapes it)', () => {
    const css = `:root { --h: ${cssString('Letter\r} h1, .body { display: none } x {\f')} }`
    expect(css).toBe(':root { --h: "Letter\\d } h1, .body { display: none } x {\\c " }')
  })
})
