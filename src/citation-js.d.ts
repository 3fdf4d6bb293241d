// citation-js ships no types; Galley uses this much of it.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown)
    data: Array<Record<string, unknown>>
    format(format: string, options?: Record<string, unknown>): string
  }
  export const plugins: {
    input: {
      chain(data: unknown, options?: Record<string, unknown>): unknown
      util: { clean(items: Array<Record<string, unknown>>, bestGuessConversions?: boolean): Array<Record<string, unknown>> }
    }
    config: { get(name: string): unknown }
  }
}
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-csl'
declare module '@citation-js/plugin-doi' {
  export const formats: Record<string, { parseType: { predicate?: RegExp } }>
  export const parsers: { json: { parse(data: Record<string, unknown>): Record<string, unknown> } }
}
