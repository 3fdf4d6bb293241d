/**
 * A whole YAML document read into one typed record: each top-level key has a
 * schema and a normaliser that turns its value (or its absence) into the
 * properties it contributes. The record's type is the merge of what the
 * normalisers return, so a new key is one entry here and nothing elsewhere.
 */
import type { Point } from 'unist'
import { error } from '../diagnostics/messages.ts'
import { INVALID, object, type At, type Invalid, type Required, type Schema, type Walk } from './schema.ts'

/** What a normaliser knows besides its value. */
export interface FieldContext {
  walk: Walk
  /** Where the key's value starts (the document's start when the key is absent). */
  point: Point
  /** Every top-level value as its schema read it, by YAML key, for the few fields that depend on another. */
  values: Readonly<Record<string, unknown>>
  fail: At['fail']
}

export interface Field<T, O extends object> {
  schema: Schema<T>
  normalise(value: T | undefined, context: FieldContext): O | Invalid
}

/** A top-level key: its schema, and what it becomes in the record. */
export function field<T, O extends object>(schema: Required<T>, normalise: (value: T, context: FieldContext) => O | Invalid): Field<T, O>
export function field<T, O extends object>(schema: Schema<T>, normalise: (value: T | undefined, context: FieldContext) => O | Invalid): Field<T, O>
export function field<T, O extends object>(schema: Schema<T>, normalise: (value: T, context: FieldContext) => O | Invalid): Field<T, O> {
  return { schema, normalise: normalise as Field<T, O>['normalise'] }
}

type Fields = Record<string, Field<any, object>>
type Contributed<F extends Fields> = { [K in keyof F]: F[K] extends Field<any, infer O> ? (x: O) => void : never }[keyof F]
type Merged<F extends Fields> = Contributed<F> extends (x: infer I) => void ? I : never
/** `{ a: string | undefined }` → `{ a?: string }`, so records can be written without their absent keys. */
type Optional<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> }
type Flatten<T> = { [K in keyof T]: T[K] }
export type RecordOf<F extends Fields> = Flatten<Optional<Merged<F>>>

/**
 * The schema of a document made of `fields`: the walk checks every key (in
 * document order), then, when nothing is wrong, the normalisers run in the
 * order the fields are listed.
 */
export function record<F extends Fields>(fields: F): Schema<RecordOf<F>> {
  const shape = object(Object.fromEntries(Object.entries(fields).map(([key, entry]) => [key, entry.schema])))
  return {
    ...shape,
    read(node, at) {
      const values = shape.read(node, at)
      if (values === INVALID) return INVALID
      const result: Record<string, unknown> = {}
      let ok = true
      for (const [key, entry] of Object.entries(fields)) {
        const point = at.walk.positions.get(key) ?? at.walk.yaml.start
        const fail: At['fail'] = (message, rule = at.walk.rules.type) => {
          if (at.walk.report) error(at.walk.file, message, point, rule)
          return INVALID
        }
        const contributed = entry.normalise((values as Record<string, unknown>)[key], { walk: at.walk, point, values, fail })
        if (contributed === INVALID) ok = false
        else Object.assign(result, contributed)
      }
      return ok ? (result as RecordOf<F>) : INVALID
    },
  }
}
