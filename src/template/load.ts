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
import { isSeq } from 'yaml'
import { error, warn } from '../diagnostics/messages.ts'
import { checkYaml, type Schema } from '../metadata/schema.ts'
import type { FrontMatter } from '../parse/front-matter.ts'
import { readYamlFile } from '../parse/yaml-file.ts'
import type { Template, Words } from '../types.ts'
import { cslProblem, knownStyles } from '../citations/csl-check.ts'
import { DEFAULT_WORDS, WORD_KEYS } from './words.ts'

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url))
export const DEFAULT_TEMPLATE = 'default'

const text = { type: 'string' } as const
const files = { type: 'list', items: text, single: true } as const
const wordFields = Object.fromEntries(Object.keys(WORD_KEYS).map((key) => [key, text]))
const ISSN = { type: 'string', pattern: /^\d{4}-\d{3}[\dX]$/, hint: 'an ISSN like 0001-7310' } as const

const templateSchema: Schema = {
  type: 'object',
  fields: {
    name: text,
    description: text,
    journal: {
      required: true,
      type: 'object',
      fields: {
        title: { ...text, required: true },
        abbreviation: { ...text, required: true },
        'issn-print': ISSN,
        'issn-electronic': ISSN,
        publisher: text,
        languages: { type: 'list', items: text, single: true },
        'doi-prefix': { type: 'string', pattern: /^10\.\d{4,9}$/, hint: 'a DOI prefix like 10.1016' },
        license: { type: 'object', fields: { url: text, text: { ...text, required: true } } },
        'copyright-holder': text,
      },
    },
    csl: { ...text, required: true },
    locales: files,
    citation: {
      required: true,
      type: 'object',
      fields: {
        style: { type: 'string', oneOf: ['superscript', 'bracket'], required: true },
        placement: { type: 'string', oneOf: ['after-punctuation', 'before-punctuation'], required: true },
      },
    },
    css: { required: true, type: 'object', fields: { screen: { ...files, required: true }, print: files } },
    words: { type: 'map', values: { type: 'object', fields: wordFields }, hint: 'a map from language to words' },
  },
}

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

export function loadTemplate(ref: string, cwd: string): LoadedTemplate {
  const dir = resolveTemplateDir(ref, cwd)
  const yamlPath = path.join(dir, 'template.yaml')
  const file = new VFile({ path: path.relative(cwd, yamlPath), cwd })
  if (!fs.statSync(yamlPath, { throwIfNoEntry: false })?.isFile()) {
    const why = fs.existsSync(dir) ? `${dir} has no template.yaml` : `no template folder ${dir}`
    error(file, `Template "${ref}" not found: ${why}. Shipped templates: ${shippedTemplates().join(', ')}; or give a path to a template folder`, undefined, 'template-missing')
    return { file, locales: [] }
  }
  const yaml = readYamlFile(yamlPath, file)
  if (!yaml) return { file, locales: [] }
  const valid = checkYaml(yaml, templateSchema, file, 'template')
  // Files are checked even when other keys are wrong: one run lists every problem.
  const files = templateFiles(yaml, dir, file)
  if (!valid) return { file, locales: [] }
  const data = yaml.document.toJS() as Record<string, any>
  const journal = data.journal
  const at = placeIn(yaml)
  if (!journal['issn-print'] && !journal['issn-electronic']) {
    // The Journal Publishing 1.3 DTD requires journal-meta, and an ISSN in it.
    error(file, 'The journal needs `issn-print` or `issn-electronic`: the JATS names the journal by ISSN (Journal Publishing 1.3 requires one). A journal without one may write the placeholder 0000-0000, as the default template does', at(['journal']), 'template-issn-missing')
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
      languages: (Array.isArray(journal.languages) ? journal.languages : [journal.languages ?? 'en']).map(String),
      doiPrefix: journal['doi-prefix'],
      license: journal.license,
      copyrightHolder: journal['copyright-holder'],
    },
    csl: files.csl,
    citation: { style: data.citation.style, placement: data.citation.placement },
    css: { screen: files.screen, print: files.print },
    words: mergeWords(data.words ?? {}),
  }
  for (const lang of template.journal.languages) {
    if (!wordsKnown(lang, template.words)) {
      warn(file, `The journal publishes in "${lang}" but neither the template's \`words\` nor Galley's built-in words have that language: English words will be printed`, at(['journal', 'languages']), 'template-words-missing')
    }
  }
  return { template, file, locales: files.locales }
}

/**
 * The files template.yaml names, as absolute paths; each one missing or
 * unusable is an error at the line that names it, and left out (nothing
 * reads a broken file). Values of the wrong type are left to the schema check.
 */
function templateFiles(yaml: FrontMatter, dir: string, file: VFile) {
  const at = placeIn(yaml)
  const inDir = (keys: Array<string | number>, what: 'css' | 'style' | 'locale'): string[] => {
    const name = yaml.document.getIn(keys)
    if (typeof name !== 'string') return []
    const absolute = path.resolve(dir, name)
    const label = `Template ${what === 'css' ? 'CSS' : `CSL ${what}`} file "${name}"`
    if (!fs.statSync(absolute, { throwIfNoEntry: false })?.isFile()) {
      error(file, `${label}: not found in ${dir}`, at(keys), 'template-missing-file')
      return []
    }
    const problem = what === 'css' ? undefined : cslProblem(fs.readFileSync(absolute, 'utf8'), what)
    if (problem) error(file, `${label}: ${problem}`, at(keys), 'template-invalid-file')
    return problem ? [] : [absolute]
  }
  /** Keys of each entry under `keys`: one value, or a list of them. */
  const entries = (...keys: string[]): Array<Array<string | number>> => {
    const node = yaml.document.getIn(keys, true)
    if (node === undefined) return []
    return isSeq(node) ? node.items.map((_, index) => [...keys, index]) : [keys]
  }
  let csl = yaml.document.getIn(['csl'])
  if (typeof csl === 'string' && /\.csl$/i.test(csl)) csl = inDir(['csl'], 'style')[0] ?? csl
  else if (typeof csl === 'string' && !knownStyles().includes(csl)) {
    error(file, `Unknown CSL style "${csl}": name one citation-js knows (${knownStyles().join(', ')}) or a .csl file in the template folder`, at(['csl']), 'template-csl-unknown')
  }
  return {
    csl: String(csl),
    screen: entries('css', 'screen').flatMap((keys) => inDir(keys, 'css')),
    print: entries('css', 'print').flatMap((keys) => inDir(keys, 'css')),
    locales: entries('locales').flatMap((keys) => inDir(keys, 'locale')),
  }
}

/** Where the YAML value at `keys` starts, for a finding about it. */
function placeIn(yaml: FrontMatter) {
  return (keys: Array<string | number>) => {
    const node = yaml.document.getIn(keys, true) as { range?: [number, number] } | undefined
    return node?.range ? yaml.pointAt(node.range[0]) : yaml.start
  }
}

function wordsKnown(lang: string, words: Record<string, Words>): boolean {
  return lang in words || lang.split('-')[0] in words
}

function mergeWords(overrides: Record<string, Record<string, string>>): Record<string, Words> {
  const words: Record<string, Words> = structuredClone(DEFAULT_WORDS)
  for (const [lang, entries] of Object.entries(overrides)) {
    const base = words[lang] ?? words[lang.split('-')[0]] ?? DEFAULT_WORDS.en
    words[lang] = { ...base }
    for (const [key, value] of Object.entries(entries ?? {})) words[lang][WORD_KEYS[key]] = value as never
  }
  return words
}
