/**
 * The URL policy: only http, https, mailto, doi: and relative links reach
 * the outputs; every other scheme is dropped where it was written, with a
 * positioned warning, the text kept.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { findings } from '../../src/cli/report.ts'
import { parseMarkdown } from '../../src/parse/markdown.ts'
import { allowedUrl, applyUrlPolicy } from '../../src/transform/url-policy.ts'
import { galley } from '../e2e/build.ts'
import { BIB, FRONT, fixture } from '../helpers.ts'

const FRONT_LINES = FRONT.split('\n').length - 1

describe('allowedUrl', () => {
  it.each(['https://example.org', 'http://x', 'mailto:a@b.org', 'doi:10.1/x', 'DOI:10.1/x', 'figures/a.png', '#sec', '../x.html', '?q=1'])('allows %s', (url) => {
    expect(allowedUrl(url)).toBe(true)
  })
  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:x', '\u0001javascript:x', 'java\tscript:x', 'java\nscript:x', 'vbscript:msgbox', 'data:text/html,<script>', 'file:///etc/passwd', 'ftp://x'])('refuses %j', (url) => {
    expect(allowedUrl(url)).toBe(false)
  })
})

describe('applyUrlPolicy', () => {
  const apply = (markdown: string) => {
    const file = new VFile({ path: 'x.md', value: markdown })
    const tree = parseMarkdown(file)
    applyUrlPolicy(tree, file)
    return { tree, file }
  }
  const shape = (tree: Root) => JSON.parse(JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value)))

  it('replaces a refused link by its text and warns at it', () => {
    const { tree, file } = apply('See [the *trial*](javascript:alert(1)) now.\n')
    expect(shape(tree).children[0].children).toEqual([
      { type: 'text', value: 'See ' }, { type: 'text', value: 'the ' }, { type: 'emphasis', children: [{ type: 'text', value: 'trial' }] }, { type: 'text', value: ' now.' },
    ])
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['url-scheme', 1, 5]])
  })

  it('drops a refused definition and the references to it, keeps allowed ones', () => {
    const { tree, file } = apply('[a][bad] and [b][good] and ![c][bad]\n\n[bad]: vbscript:x\n[good]: https://example.org\n')
    const paragraph = shape(tree).children[0]
    expect(paragraph.children.map((node: { type: string }) => node.type)).toEqual(['text', 'text', 'linkReference', 'text', 'text'])
    expect(shape(tree).children.filter((node: { type: string }) => node.type === 'definition')).toHaveLength(1)
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([['url-scheme', 3]])
  })

  it('refuses autolinks and images with other schemes', () => {
    const { file } = apply('<file:///etc/passwd> and ![x](data:text/html,hi)\n')
    expect(file.messages.map((m) => [m.ruleId, m.column])).toEqual([['url-scheme', 1], ['url-scheme', 26]])
  })
})

describe('no output carries a refused URL', () => {
  it('links, autolinks, definitions, a BibTeX url and a licence URL', async () => {
    const bib = BIB.replace('title = {Second work},', 'title = {Second work},\n  url = {javascript:alert(3)},')
    const front = FRONT.replace('lang: en', 'lang: en\nlicense:\n  url: "javascript:alert(4)"\n  text: A licence.')
    const body = 'Cite [@alpha2020] and [@gamma2021]. A [link](javascript:alert(1)), <vbscript:msgbox>, [ref][r] and [fine](https://example.org).\n\n[r]: data:text/html,<script>alert(2)</script>\n'
    const dir = fixture({ 'letter.md': front + body, 'refs.bib': bib })
    const out = path.join(dir, 'out')
    const check = await galley(['check', path.join(dir, 'letter.md'), '--format', 'json'])
    const all = JSON.parse(check.stdout) as ReturnType<typeof findings>
    const warned = all.filter((f) => f.ruleId === 'url-scheme').map((f) => [path.basename(f.file), f.line])
    expect(warned).toEqual(expect.arrayContaining([
      ['letter.md', FRONT_LINES + 3 + 1], ['letter.md', FRONT_LINES + 3 + 3], ['letter.md', 5], ['refs.bib', 11],
    ]))
    expect(warned.filter(([file, line]) => file === 'letter.md' && line === FRONT_LINES + 4)).toHaveLength(2)
    const run = await galley(['build', path.join(dir, 'letter.md'), '--out', out, '--format', 'jats,html'])
    expect(run.code, run.stderr).toBe(0)
    for (const name of ['letter.xml', 'letter.html']) {
      const text = fs.readFileSync(path.join(out, name), 'utf8')
      // An autolink's text is its URL: it stays as text, never as a link target.
      expect(text, name).not.toMatch(/href="[^"]*(?:javascript|vbscript|data):/i)
      expect(text, name).not.toMatch(/javascript:alert|data:text/i)
      expect(text, name).toContain('https://example.org')
      expect(text, name).toContain('A licence.')
    }
  })
})
