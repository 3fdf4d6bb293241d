/**
 * What the bundle gives citation-js for `node-fetch` and `sync-fetch` (scripts/bundle.mjs).
 * Galley goes online only through src/references/http.ts, which honours `--offline` and CI;
 * citation-js's own fetching (a URL or DOI handed to `Cite`) would go around that, so it is
 * refused here. Loading the two packages cost every check about 250 KB of polyfills
 * (web-streams-polyfill, fetch-blob) that Node 20's own fetch makes useless.
 */
function refuse(): never {
  throw new Error('Galley reads references from files and its lock only; citation-js may not go online (src/references/http.ts does)')
}

/**
 * citation-js tests headers against the two packages' `Headers` classes, only to fetch. Not
 * Node's own: reading `globalThis.Headers` loads Node's fetch (undici), 20 ms of every start.
 */
export class Headers {}

export default Object.assign(refuse, { Headers })
