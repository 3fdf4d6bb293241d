// citation-js ships no types; Galley uses this much of it.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown)
    data: Array<Record<string, unknown>>
    format(format: string, options?: Record<string, unknown>): string
  }
  export const plugins: {
    input: { chain(data: unknown, options?: Record<string, unknown>): unknown }
    config: { get(name: string): unknown }
  }
}
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-csl'
