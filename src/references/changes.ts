/** What `galley refs --update` prints: each changed field of a record, old → new. */
import type { CslItem, CslName } from '../types.ts'
import { canonicalJson } from './lock.ts'

export function recordChanges(before: CslItem, after: CslItem): string[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return fields
    .filter((field) => canonicalJson(before[field]) !== canonicalJson(after[field]))
    .map((field) => `${field}: ${show(before[field])} → ${show(after[field])}`)
}

function show(value: unknown): string {
  if (value === undefined) return '(none)'
  if (typeof value === 'string') return JSON.stringify(shorten(value))
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value) && value.every(isName)) return shorten(value.map(nameText).join('; '))
  const parts = (value as { 'date-parts'?: unknown[][] })?.['date-parts']
  if (Array.isArray(parts)) return parts.map((part) => part.map((n) => String(n).padStart(2, '0')).join('-')).join('/')
  return shorten(JSON.stringify(value))
}

function isName(value: unknown): value is CslName {
  return typeof value === 'object' && value !== null && ('family' in value || 'literal' in value)
}

function nameText(name: CslName): string {
  return name.literal ?? [name.family, name.given].filter(Boolean).join(', ')
}

function shorten(text: string): string {
  return text.length > 90 ? `${text.slice(0, 87)}…` : text
}
