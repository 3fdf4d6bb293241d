/**
 * What the front matter may hold: Quarto's scholarly fields where Quarto has
 * one, plus what a journal needs that Quarto lacks. Checking walks the YAML
 * nodes (not plain values) so every finding has a line and column.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml'
import { didYouMean, error, warn } from '../diagnostics/messages.ts'
import type { FrontMatter } from '../parse/front-matter.ts'
import type { VFile } from 'vfile'
import type { RuleId } from '../diagnostics/rules.ts'

export type Schema =
  | { type: 'string'; oneOf?: readonly string[]; pattern?: RegExp; hint?: string }
  | { type: 'number-or-string'; pattern?: RegExp; hint?: string }
  | { type: 'boolean' }
  | { type: 'list'; items: Schema; single?: boolean }
  | { type: 'object'; fields: Record<string, Field> }
  | { type: 'map'; values: Schema; hint?: string }
  | { type: 'either'; options: Schema[]; hint: string }

export type Field = Schema & { required?: boolean }

/** PubMed Central's accepted article-type values (PMC Style Checker 5.31). */
export const ARTICLE_TYPES = [
  'abstract', 'addendum', 'admin', 'advert', 'announcement', 'article-commentary', 'book-review',
  'books-received', 'brief-report', 'calendar', 'case-report', 'collection', 'correction', 'cover',
  'data-paper', 'discussion', 'editorial', 'expression-of-concern', 'filler', 'in-brief', 'index',
  'introduction', 'letter', 'meeting-report', 'methods-article', 'news', 'obituary', 'oration',
  'product-review', 'protocol', 'rapid-communication', 'reply', 'report', 'research-article',
  'retraction', 'review-article', 'systematic-review', 'toc', 'tutorial', 'chapter-article', 'other',
] as const

const text: Schema = { type: 'string' }
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/

const personName: Schema = {
  type: 'either',
  hint: 'a string ("M. Herrero-Moyano") or an object with `given` and `family`',
  options: [text, { type: 'object', fields: { given: text, family: { ...text, required: true }, literal: text } }],
}

const affiliationRef: Schema = {
  type: 'either',
  hint: 'an affiliation id, or an object with `ref`',
  options: [text, { type: 'object', fields: { ref: { ...text, required: true } } }],
}

const author: Schema = {
  type: 'either',
  hint: 'a name, or an object with `name`',
  options: [text, {
    type: 'object',
    fields: {
      name: { ...personName, required: true },
      email: { type: 'string', pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, hint: 'an e-mail address' },
      orcid: { type: 'string', pattern: /^(https:\/\/orcid\.org\/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, hint: 'an ORCID iD like 0000-0002-1825-0097' },
      corresponding: { type: 'boolean' },
      affiliations: { type: 'list', items: affiliationRef, single: true },
      affiliation: { type: 'list', items: affiliationRef, single: true },
    },
  }],
}

const affiliation: Schema = {
  type: 'object',
  fields: {
    id: { ...text, required: true },
    department: text,
    name: { ...text, required: true },
    address: text,
    city: text,
    region: text,
    country: text,
    'country-code': { type: 'string', pattern: /^[A-Z]{2}$/, hint: 'an ISO 3166-1 alpha-2 code like ES' },
    ror: text,
  },
}

export const frontMatterSchema: Schema = {
  type: 'object',
  fields: {
    title: { ...text, required: true },
    'translated-title': { type: 'map', values: text, hint: 'a map from language to title, e.g. `es: "…"`' },
    'article-type': { type: 'string', oneOf: ARTICLE_TYPES },
    'article-heading': text,
    lang: { type: 'string', pattern: /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, hint: 'a language tag like en or es' },
    author: { type: 'list', items: author, single: true, required: true },
    affiliations: { type: 'list', items: affiliation },
    date: { type: 'number-or-string', pattern: DATE, hint: 'YYYY, YYYY-MM or YYYY-MM-DD' },
    volume: { type: 'number-or-string' },
    issue: { type: 'number-or-string' },
    pages: { type: 'number-or-string', pattern: /^\w+([-–]\w+)?$/, hint: 'a page or range like 760-762' },
    doi: { type: 'string', pattern: /^10\.\d{4,9}\/\S+$/, hint: 'a DOI like 10.1016/j.ad.2018.01.001' },
    keywords: { type: 'list', items: text },
    abstract: text,
    license: {
      type: 'either',
      hint: 'a licence URL or an object with `url` and `text`',
      options: [text, { type: 'object', fields: { url: text, text: text } }],
    },
    copyright: {
      type: 'object',
      fields: { holder: { ...text, required: true }, year: { type: 'number-or-string', pattern: /^\d{4}$/ }, statement: text },
    },
    bibliography: { type: 'list', items: text, single: true },
    nocite: { type: 'list', items: text, single: true },
    csl: text,
    template: text,
  },
}

/** Check the front matter against the schema; report into `file`. */
export function checkFrontMatter(frontMatter: FrontMatter, file: VFile): boolean {
  return checkYaml(frontMatter, frontMatterSchema, file, 'front matter')
}

/** Check any YAML document (front matter, template.yaml) against a schema. */
export function checkYaml(yaml: FrontMatter, schema: Schema, file: VFile, what: string): boolean {
  const root = yaml.document.contents
  if (!root || !isMap(root)) {
    error(file, `The ${what} must be a YAML mapping (\`key: value\` lines)`, yaml.start, ruleId(what, 'type'))
    return false
  }
  return check(root, schema, '', yaml, file, true, what)
}

function check(node: YamlNode | null, schema: Field, path: string, fm: FrontMatter, file: VFile, report: boolean, what = 'front matter'): boolean {
  const place = fm.pointAt(node?.range?.[0] ?? 0)
  const fail = (expected: string) => {
    if (report) error(file, `\`${path}\` must be ${expected}`, place, ruleId(what, 'type'))
    return false
  }
  const value = isScalar(node) ? node.value : undefined
  switch (schema.type) {
    case 'string': {
      if (!isScalar(node) || (typeof value !== 'string' && typeof value !== 'number')) return fail('a string')
      const string = String(value)
      if (schema.oneOf && !schema.oneOf.includes(string)) {
        return fail(`one of ${schema.oneOf.join(', ')}; got "${string}"${didYouMean(string, schema.oneOf)}`)
      }
      if (schema.pattern && !schema.pattern.test(string)) return fail(`${schema.hint}; got "${string}"`)
      return true
    }
    case 'number-or-string': {
      if (!isScalar(node) || (typeof value !== 'string' && typeof value !== 'number')) return fail('a number or a string')
      if (schema.pattern && !schema.pattern.test(String(value))) return fail(`${schema.hint}; got "${value}"`)
      return true
    }
    case 'boolean':
      return typeof value === 'boolean' || fail('true or false')
    case 'list': {
      if (!isSeq(node)) return schema.single ? check(node, schema.items, path, fm, file, report, what) : fail('a list')
      return node.items.every((item, index) => check(item as YamlNode, schema.items, `${path}[${index}]`, fm, file, report, what))
    }
    case 'either': {
      const fits = schema.options.find((option) => check(node, option, path, fm, file, false))
      if (fits) return check(node, fits, path, fm, file, report, what)
      // Report against the option with the same shape, which says most.
      const sameShape = schema.options.find((option) => (option.type === 'object') === isMap(node))
      if (sameShape && isMap(node)) return check(node, sameShape, path, fm, file, report, what)
      return fail(schema.hint)
    }
    case 'map': {
      if (!isMap(node)) return fail(schema.hint ?? 'a mapping')
      return node.items.every((pair) => check(pair.value as YamlNode, schema.values, `${path}.${String(pair.key)}`, fm, file, report, what))
    }
    case 'object': {
      if (!isMap(node)) return fail('a mapping of keys to values')
      let ok = true
      const keys = new Set<string>()
      for (const pair of node.items) {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key)
        keys.add(key)
        const field = schema.fields[key]
        const keyPath = path ? `${path}.${key}` : key
        if (!field) {
          if (report) {
            const keyPlace = fm.pointAt((pair.key as YamlNode | null)?.range?.[0] ?? 0)
            warn(file, `Unknown ${what} key \`${keyPath}\`${didYouMean(key, Object.keys(schema.fields))}`, keyPlace, ruleId(what, 'unknown-key'))
          }
          continue
        }
        ok = check(pair.value as YamlNode, field, keyPath, fm, file, report, what) && ok
      }
      for (const [key, field] of Object.entries(schema.fields)) {
        if (field.required && !keys.has(key)) {
          ok = false
          if (report) error(file, `Missing required ${what} key \`${path ? `${path}.` : ''}${key}\``, place, ruleId(what, 'missing'))
        }
      }
      return ok
    }
  }
}

type Checked = 'front-matter' | 'template'
const RULE_IDS = {
  'front-matter': { type: 'front-matter-type', missing: 'front-matter-missing', 'unknown-key': 'front-matter-unknown-key' },
  template: { type: 'template-type', missing: 'template-missing-key', 'unknown-key': 'template-unknown-key' },
} as const satisfies Record<Checked, Record<string, RuleId>>

/** front-matter-type, template-type, … */
function ruleId<Kind extends keyof (typeof RULE_IDS)[Checked]>(what: string, kind: Kind): (typeof RULE_IDS)[Checked][Kind] {
  return RULE_IDS[what === 'template' ? 'template' : 'front-matter'][kind]
}
