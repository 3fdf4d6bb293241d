/**
 * Schemas that read a YAML document (front matter, template.yaml) in one
 * walk: each one checks its node and yields a typed value, or reports a
 * positioned finding and yields INVALID. The walk keeps the position of every
 * value it reads (`csl`, `author[0]`, `css.screen[1]`) for later findings.
 * It walks the YAML nodes, not plain values, so every finding has a line and column.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { didYouMean, error, warn } from '../diagnostics/messages.ts'
import type { ErrorRule, WarningRule } from '../diagnostics/rules.ts'
import type { FrontMatter } from '../parse/front-matter.ts'

export const INVALID: unique symbol = Symbol('invalid')
export type Invalid = typeof INVALID

/** One walk over one YAML document. */
export interface Walk {
  file: VFile
  yaml: FrontMatter
  /** "front matter" or "template", for messages. */
  what: string
  rules: { type: ErrorRule; missing: ErrorRule; empty: ErrorRule; unknownKey: WarningRule }
  /** Folder that relative paths in the document are relative to. */
  dir: string
  /** Where each value read starts, by path. */
  positions: Map<string, Point>
  /** False while `either` tries its options quietly. */
  report: boolean
}

/** Where a value is, for a normaliser that reports about it. */
export interface At {
  walk: Walk
  path: string
  point: Point
  /** Report an error about this value (only when the walk reports). */
  fail(message: string, rule?: ErrorRule): Invalid
}

export interface Schema<T> {
  /** What the value must be, as a finding words it: "text", "true or false". */
  expected: string
  /** The YAML shape this schema reads, so `either` can pick the option a node was meant for. */
  shape: 'scalar' | 'list' | 'mapping'
  required?: boolean
  read(node: YamlNode | null, at: At): T | Invalid
}

export type Value<S> = S extends Schema<infer T> ? T : never
export type Required<T> = Schema<T> & { required: true }

// ---------------------------------------------------------------------------
// Combinators

/** Text. A number or true/false is refused: YAML reads `5` as a number, so the finding says to quote it. */
export function string<const O extends string = string>(options: { oneOf?: readonly O[]; pattern?: RegExp; hint?: string; nonEmpty?: boolean } = {}): Schema<O> {
  return {
    expected: 'text',
    shape: 'scalar',
    read(node, at) {
      const value = isScalar(node) ? node.value : undefined
      if (typeof value !== 'string') return at.fail(`\`${at.path}\` must be ${options.hint ?? 'text'}${got(node)}${quoteHint(node)}`)
      if (options.nonEmpty && value.trim() === '') return at.fail(`\`${at.path}\` is empty: write ${options.hint ?? 'some text'}`, at.walk.rules.empty)
      if (options.oneOf && !options.oneOf.includes(value as O)) {
        return at.fail(`\`${at.path}\` must be one of ${options.oneOf.join(', ')}; got "${value}"${didYouMean(value, options.oneOf)}`)
      }
      if (options.pattern && !options.pattern.test(value)) return at.fail(`\`${at.path}\` must be ${options.hint}; got "${value}"`)
      return value as O
    },
  }
}

/** A number or text, yielded as text (`volume: 109`, `date: 2020-05`). */
export function numberOrString(options: { pattern?: RegExp; hint?: string } = {}): Schema<string> {
  return {
    expected: 'a number or a string',
    shape: 'scalar',
    read(node, at) {
      const value = isScalar(node) ? node.value : undefined
      if (typeof value !== 'string' && typeof value !== 'number') return at.fail(`\`${at.path}\` must be a number or a string${got(node)}`)
      if (options.pattern && !options.pattern.test(String(value))) return at.fail(`\`${at.path}\` must be ${options.hint}; got "${value}"`)
      return String(value)
    },
  }
}

export function boolean(): Schema<boolean> {
  return {
    expected: 'true or false',
    shape: 'scalar',
    read(node, at) {
      const value = isScalar(node) ? node.value : undefined
      return typeof value === 'boolean' ? value : at.fail(`\`${at.path}\` must be true or false${got(node)}`)
    },
  }
}

/** A list; with `single`, one value may stand for a list of one. */
export function list<T>(items: Schema<T>, options: { single?: boolean; nonEmpty?: string } = {}): Schema<T[]> {
  return {
    expected: 'a list',
    shape: 'list',
    read(node, at) {
      if (!isSeq(node)) {
        if (!options.single) return at.fail(`\`${at.path}\` must be a list${got(node)}`)
        const value = items.read(node, at)
        return value === INVALID ? INVALID : [value]
      }
      if (options.nonEmpty && node.items.length === 0) return at.fail(`\`${at.path}\` is an empty list: ${options.nonEmpty}`, at.walk.rules.empty)
      const values = node.items.map((item, index) => readAt(items, item as YamlNode, `${at.path}[${index}]`, at.walk))
      return values.includes(INVALID) ? INVALID : (values as T[])
    },
  }
}

type Fields = Record<string, Schema<unknown>>
export type ObjectValue<F extends Fields> = Flatten<
  { [K in keyof F as F[K] extends { required: true } ? K : never]: Value<F[K]> } &
  { [K in keyof F as F[K] extends { required: true } ? never : K]?: Value<F[K]> }
>
type Flatten<T> = { [K in keyof T]: T[K] }

/** A mapping with known keys; an unknown key is a warning, a missing required one an error. */
export function object<F extends Fields>(fields: F): Schema<ObjectValue<F>> {
  return {
    expected: 'a mapping of keys to values',
    shape: 'mapping',
    read(node, at) {
      if (!isMap(node)) return at.fail(`\`${at.path}\` must be a mapping of keys to values${got(node)}`)
      const { walk } = at
      const value: Record<string, unknown> = {}
      let ok = true
      for (const pair of node.items) {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key)
        const keyPath = at.path ? `${at.path}.${key}` : key
        const field = Object.hasOwn(fields, key) ? fields[key] : undefined
        if (!field) {
          if (walk.report) {
            const place = walk.yaml.pointAt((pair.key as YamlNode | null)?.range?.[0] ?? 0)
            warn(walk.file, `Unknown ${walk.what} key \`${keyPath}\`${didYouMean(key, Object.keys(fields))}`, place, walk.rules.unknownKey)
          }
          continue
        }
        const read = readAt(field, pair.value as YamlNode | null, keyPath, walk)
        if (read === INVALID) ok = false
        else value[key] = read
      }
      for (const [key, field] of Object.entries(fields)) {
        if (field.required && !node.items.some((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === key)) {
          ok = false
          if (walk.report) error(walk.file, `Missing required ${walk.what} key \`${at.path ? `${at.path}.` : ''}${key}\``, at.point, walk.rules.missing)
        }
      }
      return ok ? (value as ObjectValue<F>) : INVALID
    },
  }
}

/** A mapping from any key (a language, say) to values of one schema, as [key, value] pairs in order. */
export function map<T>(values: Schema<T>, hint: string): Schema<Array<[string, T]>> {
  return {
    expected: hint,
    shape: 'mapping',
    read(node, at) {
      if (!isMap(node)) return at.fail(`\`${at.path}\` must be ${hint}${got(node)}`)
      const entries = node.items.map((pair): [string, T | Invalid] => {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key)
        return [key, readAt(values, pair.value as YamlNode | null, `${at.path}.${key}`, at.walk)]
      })
      return entries.some(([, value]) => value === INVALID) ? INVALID : (entries as Array<[string, T]>)
    },
  }
}

/** One of several shapes; the first that reads without findings wins. */
export function either<Options extends Array<Schema<unknown>>>(hint: string, ...options: Options): Schema<Value<Options[number]>> {
  return {
    expected: hint,
    shape: options[0].shape,
    read(node, at) {
      const fits = options.find((option) => readAt(option, node, at.path, { ...at.walk, report: false }) !== INVALID)
      // Report against the option with the node's shape, which says most.
      const meant = fits ?? (isMap(node) ? options.find((option) => option.shape === 'mapping') : undefined)
      if (!meant) return at.fail(`\`${at.path}\` must be ${hint}${got(node)}`)
      return meant.read(node, at) as Value<Options[number]>
    },
  }
}

/** The same schema, required in its object. */
export function required<T>(schema: Schema<T>): Required<T> {
  return { ...schema, required: true }
}

/** A schema whose value is turned into another (a name split, a path made absolute); `normalise` may report. */
export function to<T, U>(schema: Schema<T>, normalise: (value: T, at: At) => U | Invalid): Schema<U> {
  return {
    ...schema,
    read(node, at) {
      const value = schema.read(node, at)
      return value === INVALID ? INVALID : normalise(value, at)
    },
  }
}

/** A value with the place it was written, for findings raised after the walk (a missing file, say). */
export interface Located<T> {
  value: T
  point: Point
}
export function located<T>(schema: Schema<T>): Schema<Located<T>> {
  return to(schema, (value, at) => ({ value, point: at.point }))
}

// ---------------------------------------------------------------------------
// Walking

export function readAt<T>(schema: Schema<T>, node: YamlNode | null, path: string, walk: Walk): T | Invalid {
  const point = walk.yaml.pointAt(node?.range?.[0] ?? 0)
  if (walk.report) walk.positions.set(path, point)
  const at: At = {
    walk,
    path,
    point,
    fail(message, rule = walk.rules.type) {
      if (walk.report) error(walk.file, message, point, rule)
      return INVALID
    },
  }
  return schema.read(node, at)
}

/** Read a whole document with `schema`; its root must be a mapping. */
export function readDocument<T>(yaml: FrontMatter, schema: Schema<T>, walk: Omit<Walk, 'yaml' | 'positions' | 'report'>): { value: T | Invalid; positions: Map<string, Point> } {
  const full: Walk = { ...walk, yaml, positions: new Map(), report: true }
  const root = yaml.document.contents
  if (!root || !isMap(root)) {
    error(walk.file, `The ${walk.what} must be a YAML mapping (\`key: value\` lines)`, yaml.start, walk.rules.type)
    return { value: INVALID, positions: full.positions }
  }
  return { value: readAt(schema, root as YamlNode, '', full), positions: full.positions }
}

/** What was written instead: "; got the number 5". */
function got(node: YamlNode | null): string {
  if (!node || (isScalar(node) && node.value === null)) return '; it is empty'
  if (isSeq(node)) return '; got a list'
  if (isMap(node)) return '; got a mapping'
  const value = isScalar(node) ? node.value : undefined
  if (typeof value === 'number') return `; got the number ${value}`
  return typeof value === 'boolean' ? `; got ${value}` : ''
}

/** YAML reads `5` and `yes`-like words as numbers and booleans: quoting makes them text. */
function quoteHint(node: YamlNode | null): string {
  const value = isScalar(node) ? node.value : undefined
  return typeof value === 'number' || typeof value === 'boolean' ? ` (write it in quotes, "${isScalar(node) ? node.source ?? value : value}", if you mean it as text)` : ''
}
