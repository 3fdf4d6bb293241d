/**
 * The PDF as assistive technology reads it: the structure tree walked with MuPDF, for the letter
 * and for the example with sections, a table and a footnote, with every shipped template.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Element } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { visit } from 'unist-util-visit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LETTER, ROOT } from '../helpers.ts'
import { createRequire } from 'node:module'
import { loadTemplate } from '../../src/template/load.ts'
import { templateFonts } from '../../src/template/glyphs.ts'
import { pdffonts, pdfinfo } from '../pdf/poppler.ts'
import { allNodes, PDF17_TYPES, readTagged, type OutlineEntry, type StructNode, type Tagged } from '../pdf/tagged.ts'
import { SHIPPED } from '../templates/build.ts'
import { buildLetter } from './build.ts'

const SECTIONS = path.join(ROOT, 'examples/sections/letter.md')

interface Case {
  name: string
  manuscript: string
  template?: string
  figures: number
  references: number
  tables: number
  footnotes: number
}

const CASES: Case[] = [
  { name: 'the letter', manuscript: LETTER, figures: 3, references: 10, tables: 0, footnotes: 0 },
  ...SHIPPED.map((template) => ({
    name: `the sections example with ${template}`, manuscript: SECTIONS, template, figures: 3, references: 3, tables: 1, footnotes: 1,
  })),
]

const outs: string[] = []
afterAll(() => outs.forEach((out) => fs.rmSync(out, { recursive: true, force: true })))

/** The page's headings, level and text, as the HTML has them. */
function htmlHeadings(html: string): { level: number; text: string }[] {
  const found: { level: number; text: string }[] = []
  visit(fromHtml(html), 'element', (element: Element) => {
    const level = /^h([1-6])$/.exec(element.tagName)?.[1]
    if (!level) return
    let text = ''
    visit(element, 'text', (node) => { text += node.value })
    found.push({ level: Number(level), text: text.replace(/\s+/g, ' ').trim() })
    return 'skip'
  })
  return found
}

function flatOutline(entries: OutlineEntry[], level = 1): { level: number; text: string }[] {
  return entries.flatMap((entry) => [{ level, text: entry.title }, ...flatOutline(entry.kids, level + 1)])
}

const fontkit = createRequire(import.meta.url)('fontkit') as { openSync: (file: string) => { postscriptName: string } }

/** PostScript names of the fonts a template ships. */
function shippedFontNames(template: string): Set<string> {
  const loaded = loadTemplate(template, ROOT)
  if (!loaded.template) throw new Error(`template ${template} did not load`)
  return new Set(templateFonts(loaded.template).map((face) => fontkit.openSync(face.file).postscriptName))
}

const ofType = (nodes: StructNode[], type: string) => allNodes(nodes).filter((node) => node.type === type)

describe.each(CASES)('the tagged PDF of $name', (test) => {
  let tagged: Tagged
  let html = ''
  let pdf: Buffer
  let ready: Promise<void>
  beforeAll(() => { ready = load() })
  const load = async () => {
    const { out } = await buildLetter(test.template ? ['--template', test.template] : [], test.manuscript)
    outs.push(out)
    pdf = fs.readFileSync(path.join(out, 'letter.pdf'))
    html = fs.readFileSync(path.join(out, 'letter.html'), 'utf8')
    tagged = readTagged(pdf)
  }

  it('uses PDF 1.7 structure types, or maps them to one', async () => {
    await ready
    const types = new Set(allNodes(tagged.tree).map((node) => node.type))
    for (const type of types) expect(PDF17_TYPES.has(type) || PDF17_TYPES.has(tagged.roleMap[type]), type).toBe(true)
    expect(tagged.tree.map((node) => node.type)).toEqual(['Document'])
  })

  it('has the page\'s headings in order, one H1, and an outline with their exact text', async () => {
    await ready
    const headings = htmlHeadings(html)
    const tags = allNodes(tagged.tree).filter((node) => /^H[1-6]$/.test(node.type)).map((node) => Number(node.type.slice(1)))
    expect(tags).toEqual(headings.map((heading) => heading.level))
    expect(tags.filter((level) => level === 1)).toHaveLength(1)
    tags.forEach((level, index) => expect(level - (tags[index - 1] ?? 0), `heading ${index + 1}`).toBeLessThanOrEqual(1))
    expect(flatOutline(tagged.outline)).toEqual(headings)
  })

  it('has one Figure with alt text per figure, and no Figure without it', async () => {
    await ready
    const figures = ofType(tagged.tree, 'Figure')
    expect(figures).toHaveLength(test.figures)
    for (const figure of figures) expect(figure.alt?.length ?? 0).toBeGreaterThan(10)
  })

  it('has tables with header cells', async () => {
    await ready
    const tables = ofType(tagged.tree, 'Table')
    expect(tables).toHaveLength(test.tables)
    for (const table of tables) expect(ofType([table], 'TH').length).toBeGreaterThan(0)
  })

  it('has the reference list as a list of labelled items', async () => {
    await ready
    const lists = ofType(tagged.tree, 'L').filter((list) => list.kids.length === test.references)
    expect(lists.length).toBeGreaterThanOrEqual(1)
    const references = lists[lists.length - 1]
    for (const item of references.kids) {
      expect(item.type).toBe('LI')
      expect(item.kids.map((kid) => kid.type)).toEqual(['Lbl', 'LBody'])
    }
  })

  it('has each footnote as a Note with an ID', async () => {
    await ready
    const notes = ofType(tagged.tree, 'Note')
    expect(notes).toHaveLength(test.footnotes)
    for (const note of notes) expect(note.id).toMatch(/fn/)
  })

  it('declares the document language and the Spanish title\'s', async () => {
    await ready
    expect(tagged.lang).toBe('en')
    expect(tagged.tree[0].lang).toBe('en')
    expect(allNodes(tagged.tree).filter((node) => node.lang === 'es').length).toBeGreaterThanOrEqual(1)
    expect(allNodes(tagged.tree).filter((node) => node.lang?.includes('-x-'))).toEqual([])
  })

  it('marks everything outside the tree (running heads, folios, decorations) as artifacts', async () => {
    await ready
    expect(tagged.unmarked).toEqual([])
    expect(tagged.artifacts).toBeGreaterThan(0)
  })

  it('takes every glyph from a font the template ships (pdffonts lists no machine font)', async () => {
    await ready
    const shipped = shippedFontNames(test.template ?? 'actas-dermo-sifiliograficas')
    const used = pdffonts(pdf).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))
    expect(used.length).toBeGreaterThan(2)
    expect(used.filter((name) => !shipped.has(name))).toEqual([])
  })

  it('has XMP metadata that says what the Info dictionary says', async () => {
    await ready
    const info = pdfinfo(pdf)
    const xmp = tagged.xmp ?? ''
    const values = (tag: string) => [...xmp.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((match) => match[1])
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${info.Title}</rdf:li>`)
    const creators = /<dc:creator><rdf:Seq>(.*?)<\/rdf:Seq>/.exec(xmp)?.[1] ?? ''
    expect([...creators.matchAll(/<rdf:li>([^<]*)<\/rdf:li>/g)].map((match) => match[1]).join(', ')).toBe(info.Author)
    expect(values('pdf:Producer')).toEqual([info.Producer])
    expect(values('xmp:CreatorTool')).toEqual([info.Creator])
    expect(values('xmp:CreateDate')).toEqual([info.CreationDate.replace(/([+-]00:?00|Z)$/, 'Z')])
    if (info.Keywords) expect(values('pdf:Keywords')).toEqual([info.Keywords])
  })
})
