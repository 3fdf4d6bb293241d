/**
 * A journal template is a folder: template.yaml (journal facts, CSL style,
 * citation look, words), CSS for screen and print, and whatever the CSS
 * loads (fonts). Shipped ones live in templates/NAME; any folder works.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { error } from '../diagnostics.ts'
import { checkYaml, type Schema } from '../metadata/schema.ts'
import { readYamlFile } from '../parse/yaml-file.ts'
import type { Template, Words } from '../types.ts'
import { DEFAULT_WORDS, WORD_KEYS } from './words.ts'

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url))
export const DEFAULT_TEMPLATE = 'default'

const text = { type: 'string' } as const
const files = { type: 'list', items: text, single: true } as const
const wordFields = Object.fromEntries(Object.keys(WORD_KEYS).map((key) => [key, text]))

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
        'issn-print': { type: 'string', pattern: /^\d{4}-\d{3}[\dX]$/, hint: 'an ISSN like 0001-7310' },
        'issn-electronic': { type: 'string', pattern: /^\d{4}-\d{3}[\dX]$/, hint: 'an ISSN like 1578-2190' },
        publisher: { ...text, required: true },
        languages: { type: 'list', items: text, single: true },
        'doi-prefix': { type: 'string', pattern: /^10\.\d{4,9}$/, hint: 'a DOI prefix like 10.1016' },
        license: { type: 'object', fields: { url: text, text: { ...text, required: true } } },
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

export function loadTemplate(ref: string, cwd: string): LoadedTemplate {
  const dir = resolveTemplateDir(ref, cwd)
  const yamlPath = path.join(dir, 'template.yaml')
  const file = new VFile({ path: path.relative(cwd, yamlPath), cwd })
  if (!fs.existsSync(yamlPath)) {
    const shipped = fs.readdirSync(TEMPLATES_DIR).filter((name) => fs.existsSync(path.join(TEMPLATES_DIR, name, 'template.yaml')))
    const why = fs.existsSync(dir) ? `${dir} has no template.yaml` : `no template folder ${dir}`
    error(file, `Template "${ref}" not found: ${why}. Shipped templates: ${shipped.join(', ')}; or give a path to a template folder`, undefined, 'template-missing')
    return { file, locales: [] }
  }
  const yaml = readYamlFile(yamlPath, file)
  if (!yaml || !checkYaml(yaml, templateSchema, file, 'template')) return { file, locales: [] }
  const data = yaml.document.toJS() as Record<string, any>
  const inDir = (name: string, what: string): string => {
    const absolute = path.resolve(dir, name)
    if (!fs.existsSync(absolute)) error(file, `Template ${what} file "${name}" not found in ${dir}`, undefined, 'template-missing-file')
    return absolute
  }
  const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(String)
  const journal = data.journal
  const template: Template = {
    name: data.name ?? path.basename(dir),
    dir,
    journal: {
      title: journal.title,
      abbreviation: journal.abbreviation,
      issnPrint: journal['issn-print'],
      issnElectronic: journal['issn-electronic'],
      publisher: journal.publisher,
      languages: list(journal.languages ?? 'en'),
      doiPrefix: journal['doi-prefix'],
      license: journal.license,
    },
    csl: /\.csl$/i.test(data.csl) ? inDir(data.csl, 'CSL style') : data.csl,
    citation: { style: data.citation.style, placement: data.citation.placement },
    css: {
      screen: list(data.css.screen).map((name) => inDir(name, 'CSS')),
      print: list(data.css.print).map((name) => inDir(name, 'CSS')),
    },
    words: mergeWords(data.words ?? {}),
  }
  return { template, file, locales: list(data.locales).map((name) => inDir(name, 'CSL locale')) }
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
