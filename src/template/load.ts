/**
 * A journal template is a folder: template.yaml (journal facts, CSL style,
 * citation look, words), CSS for screen and print, and whatever the CSS
 * loads (fonts). Shipped ones live in templates/NAME; any folder works.
 *
 * Every finding goes into template.yaml's vfile; one about a file the YAML
 * names points at the line that names it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { error, warn } from '../diagnostics/messages.ts'
import { INVALID, list, map, object, readDocument, required, string, to, type At, type Invalid } from '../metadata/schema.ts'
import { readYamlFile } from '../parse/yaml-file.ts'
import type { Template, Words } from '../types.ts'
import { cslProblem, knownStyles } from '../citations/csl-check.ts'
import { DEFAULT_WORDS, WORD_KEYS } from './words.ts'
import { containedFile } from '../prepare/contained.ts'
import { cssUrls } from '../html/css.ts'

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url))
export const DEFAULT_TEMPLATE = 'default'
const TEMPLATE_FOLDER = "the template's folder"

const text = string()
const ISSN = string({ pattern: /^\d{4}-\d{3}[\dX]$/, hint: 'an ISSN like 0001-7310' })
const license = object({ url: text, text: required(text) })

/** A file in the template folder, as an absolute path; one missing or unusable is an error at the line that names it. */
function fileIn(name: string, what: 'css' | 'style' | 'locale', at: At): string | Invalid {
  const absolute = path.resolve(at.walk.dir, name)
  consult(absolute)
  const label = `Template ${what === 'css' ? 'CSS' : `CSL ${what}`} file "${name}"`
  // The containment rule, with the template's folder as the only place its files may be.
  const contained = containedFile(absolute, [at.walk.dir], undefined, TEMPLATE_FOLDER)
  if (!contained.ok) {
    return contained.missing ? at.fail(`${label}: not found in ${at.walk.dir}`, 'template-missing-file') : at.fail(`${label} ${contained.reason}`, contained.rule)
  }
  const content = fs.readFileSync(absolute, 'utf8')
  const problem = what === 'css' ? cssProblem(absolute, content, at.walk.dir) : cslProblem(content, what)
  return problem ? at.fail(`${label}: ${problem}`, 'template-invalid-file') : absolute
}

/** Fonts and pictures a stylesheet loads come from the template's folder too. */
function cssProblem(cssFile: string, css: string, dir: string): string | undefined {
  for (const { target, file: asset } of cssUrls(cssFile, css)) {
    if (!asset) continue
    consult(asset)
    const contained = containedFile(asset, [dir], undefined, TEMPLATE_FOLDER)
    if (!contained.ok) return `url(${target}) ${contained.missing ? `names no file in ${dir}` : contained.reason}`
  }
  return undefined
}
const files = (what: 'css' | 'locale') => list(to(text, (name, at) => fileIn(name, what, at)), { single: true })

/** A .csl file in the template folder, or a style citation-js knows. */
const csl = to(text, (name, at) => {
  if (/\.csl$/i.test(name)) return fileIn(name, 'style', at)
  return knownStyles().includes(name) ? name
    : at.fail(`Unknown CSL style "${name}": name one citation-js knows (${knownStyles().join(', ')}) or a .csl file in the template folder`, 'template-csl-unknown')
})

const templateSchema = object({
  name: text,
  description: text,
  journal: required(object({
    title: required(text),
    abbreviation: required(text),
    'issn-print': ISSN,
    'issn-electronic': ISSN,
    publisher: text,
    languages: list(text, { single: true }),
    'doi-prefix': string({ pattern: /^10\.\d{4,9}$/, hint: 'a DOI prefix like 10.1016' }),
    license,
    'copyright-holder': text,
  })),
  csl: required(csl),
  locales: files('locale'),
  citation: required(object({
    style: required(string({ oneOf: ['superscript', 'bracket'] as const })),
    placement: required(string({ oneOf: ['after-punctuation', 'before-punctuation'] as const })),
  })),
  css: required(object({ screen: required(files('css')), print: files('css') })),
  words: map(object(Object.fromEntries(Object.keys(WORD_KEYS).map((key) => [key, text]))), 'a map from language to words'),
})

export interface LoadedTemplate {
  template?: Template
  /** template.yaml, carrying the findings about the template. */
  file: VFile
  /** CSL locale files the template ships. */
  locales: string[]
}

/** `ref` is a shipped template's name or a path to a template folder. */
export function resolveTemplateDir(ref: string, cwd: string): string {
  const isPath = ref.startsWith('.') || path.isAbsolute(ref) || ref.includes('/') || ref.includes(path.sep)
  return isPath ? path.resolve(cwd, ref) : path.join(TEMPLATES_DIR, ref)
}

export function shippedTemplates(): string[] {
  return fs.readdirSync(TEMPLATES_DIR).filter((name) => fs.existsSync(path.join(TEMPLATES_DIR, name, 'template.yaml'))).sort()
}

/** A template path is resolved against `base`: the manuscript's folder when its front matter names it. */
export function loadTemplate(ref: string, cwd: string, base = cwd): LoadedTemplate {
  const dir = resolveTemplateDir(ref, base)
  const key = `${dir}\0${cwd}`
  const before = readBefore.get(key)
  if (before && [...before.files].every(([file, stamp]) => stampOf(file) === stamp)) return copyOf(before.loaded)
  consulted = new Map()
  try {
    consult(dir)
    const loaded = readTemplate(ref, dir, cwd)
    readBefore.delete(key)
    readBefore.set(key, { files: consulted, loaded: copyOf(loaded) })
    // Oldest first: a batch of manuscripts on many templates keeps the last few.
    if (readBefore.size > 16) readBefore.delete(readBefore.keys().next().value!)
    return loaded
  } finally {
    consulted = undefined
  }
}

/**
 * The templates read so far, by folder, each with the files it was read from (the folder,
 * template.yaml, the stylesheets, style and locales it names, the fonts the stylesheets load)
 * and their stamps as they were read: a watch rebuild, or a batch on one template, reads a
 * template again only when one of them changed. Parsing its YAML and checking every file it
 * names was about a tenth of a warm prepare.
 */
const readBefore = new Map<string, { files: Map<string, string>; loaded: LoadedTemplate }>()
/** The files the template being read has consulted, with their stamps. */
let consulted: Map<string, string> | undefined

function consult(file: string): void {
  if (consulted && !consulted.has(file)) consulted.set(file, stampOf(file))
}

/** What changes when a file is written, replaced, renamed, made a link or removed. */
function stampOf(file: string): string {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false, bigint: true })
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}` : 'none'
}

/** A loaded template the caller may change (prepare sets the licence; findings are added to its file). */
function copyOf(loaded: LoadedTemplate): LoadedTemplate {
  const file = new VFile({ path: loaded.file.path, cwd: loaded.file.cwd, value: loaded.file.value })
  file.messages.push(...loaded.file.messages)
  return { template: loaded.template && structuredClone(loaded.template), file, locales: [...loaded.locales] }
}

function readTemplate(ref: string, dir: string, cwd: string): LoadedTemplate {
  const yamlPath = path.join(dir, 'template.yaml')
  const file = new VFile({ path: path.relative(cwd, yamlPath), cwd })
  consult(yamlPath)
  const contained = containedFile(yamlPath, [dir], undefined, TEMPLATE_FOLDER)
  if (!contained.ok) {
    if (contained.missing) {
      const why = fs.existsSync(dir) ? `${dir} has no template.yaml` : `no template folder ${dir}`
      error(file, `Template "${ref}" not found: ${why}. Shipped templates: ${shippedTemplates().join(', ')}; or give a path to a template folder`, undefined, 'template-missing')
    } else {
      error(file, `Template "${ref}": ${yamlPath} ${contained.reason}`, undefined, contained.rule)
    }
    return { file, locales: [] }
  }
  const yaml = readYamlFile(yamlPath, file)
  if (!yaml) return { file, locales: [] }
  const rules = { type: 'template-type', missing: 'template-missing-key', empty: 'template-type', unknownKey: 'template-unknown-key' } as const
  const { value: data, positions } = readDocument(yaml, templateSchema, { file, what: 'template', rules, dir })
  if (data === INVALID) return { file, locales: [] }
  const { journal } = data
  const at = (key: string) => positions.get(key) ?? yaml.start
  if (!journal['issn-print'] && !journal['issn-electronic']) {
    // The Journal Publishing 1.3 DTD requires journal-meta, and an ISSN in it.
    error(file, 'The journal needs `issn-print` or `issn-electronic`: the JATS names the journal by ISSN (Journal Publishing 1.3 requires one). A journal without one may write the placeholder 0000-0000, as the default template does', at('journal'), 'template-issn-missing')
  }
  const template: Template = {
    name: data.name ?? path.basename(dir),
    dir,
    journal: {
      title: journal.title,
      abbreviation: journal.abbreviation,
      issnPrint: journal['issn-print'],
      issnElectronic: journal['issn-electronic'],
      publisher: journal.publisher ?? '',
      languages: journal.languages ?? ['en'],
      doiPrefix: journal['doi-prefix'],
      license: journal.license,
      copyrightHolder: journal['copyright-holder'],
    },
    csl: data.csl,
    citation: data.citation,
    css: { screen: data.css.screen, print: data.css.print ?? [] },
    words: mergeWords(data.words ?? []),
  }
  for (const lang of template.journal.languages) {
    if (!wordsKnown(lang, template.words)) {
      warn(file, `The journal publishes in "${lang}" but neither the template's \`words\` nor Galley's built-in words have that language: English words will be printed`, at('journal.languages'), 'template-words-missing')
    }
  }
  return { template, file, locales: data.locales ?? [] }
}

function wordsKnown(lang: string, words: Record<string, Words>): boolean {
  return lang in words || lang.split('-')[0] in words
}

function mergeWords(overrides: Array<[string, Record<string, string | undefined>]>): Record<string, Words> {
  const words: Record<string, Words> = structuredClone(DEFAULT_WORDS)
  for (const [lang, entries] of overrides) {
    const base = words[lang] ?? words[lang.split('-')[0]] ?? DEFAULT_WORDS.en
    words[lang] = { ...base }
    for (const [key, value] of Object.entries(entries ?? {})) words[lang][WORD_KEYS[key]] = value as never
  }
  return words
}
