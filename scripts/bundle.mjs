// `npm run build:dist`, after tsc: bundles the CLI with esbuild into dist/bundle/, which
// bin/galley.js runs, and then writes the stamp bin/entry.js compares with src/.
// Why: a cold `galley check` spent about 300 ms of its 650 ms resolving, reading and compiling
// some 400 ES modules one file at a time; the bundle is a few dozen files.
//
// - ESM with code splitting: every `await import()` in src/ stays a chunk of its own, loaded
//   when it runs (`--help` loads neither check nor build code; tests/startup guards it).
//   ESM, not CommonJS, because libxml2-wasm awaits its WebAssembly at its top level.
// - All chunks sit in dist/bundle/, two levels below the package root like src/X/ and dist/X/,
//   so `new URL('../../templates/', import.meta.url)` and the like find the same files, and
//   `createRequire(import.meta.url)` resolves fonts, DTDs, hyphenation patterns and fontkit
//   from node_modules/ as before (esbuild leaves those runtime requires alone).
// - CommonJS packages (citation-js, citeproc …) call `require` for Node's built-ins: each chunk
//   gets a real `require` from the banner, so those calls work from ESM.
// - Puppeteer is bundled through the entry src/pdf/browser.ts imports, its connecting half
//   (loaded from node_modules/, its main entry cost a cold build about 0.2 s of the main thread
//   before the browser could be driven). External (imported from node_modules/ if ever needed):
//   @puppeteer/browsers, loaded only to look in Puppeteer's download cache (bundled, it would
//   drag in its CLI's yargs, tar and zip code), and what Puppeteer loads only for WebDriver BiDi
//   (chromium-bidi) or a WebSocket (ws): Galley speaks CDP over a pipe.
// - dtd/: the JATS DTD flattened into one file (see the end of this script).
// - The metafile's inputs of each chunk are kept in dist/bundle/chunks.json: the module-trace
//   test (tests/startup) reads it to tell which packages a run of the bundle loaded.
//
// `node scripts/bundle.mjs [--root DIR]`: DIR (default: this checkout) receives dist/bundle/;
// the tests bundle the current sources into a scratch package that way.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import { STAMP } from '../bin/entry.js'

const checkout = fileURLToPath(new URL('..', import.meta.url))
const rootArg = process.argv.indexOf('--root')
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : checkout
const outdir = path.join(root, path.dirname(STAMP))

export const EXTERNAL = ['@puppeteer/browsers', 'chromium-bidi', 'ws']
// citation-js's network libraries, replaced by src/references/library-fetch.ts (why: there).
const LIBRARY_FETCH = path.join(checkout, 'src/references/library-fetch.ts')
const libraryFetch = {
  name: 'library-fetch',
  setup(build) {
    build.onResolve({ filter: /^(node-fetch|sync-fetch)$/ }, () => ({ path: LIBRARY_FETCH }))
  },
}

fs.rmSync(outdir, { recursive: true, force: true })
const result = await esbuild.build({
  absWorkingDir: checkout,
  // The validator thread's entry (src/jats/validate-thread.ts starts ./validate-worker.js beside it).
  entryPoints: { main: 'src/cli/main.ts', 'validate-worker': 'src/jats/validate-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  banner: { js: "import { createRequire as __galleyRequire } from 'node:module'; const require = __galleyRequire(import.meta.url);" },
  legalComments: 'none',
  plugins: [libraryFetch],
  metafile: true,
  logLevel: 'warning',
})

const chunks = {}
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) chunks[path.basename(file)] = Object.keys(output.inputs).sort()
}
fs.writeFileSync(path.join(outdir, 'chunks.json'), `${JSON.stringify(chunks, null, 1)}\n`)
// The JATS DTD Galley writes, as one flattened file beside the bundle (src/jats/flat-dtd.ts): the
// validator loads its ≈60 module files' declarations from it in about a third of the time. Made by
// the current sources' libxml2 code, read through tsx.
const { tsImport } = await import('tsx/esm/api')
const { flatDtd, flatDtdName } = await tsImport('../src/jats/validate.ts', import.meta.url)
const { JATS_DOCTYPE } = await tsImport('../src/jats/doctype.ts', import.meta.url)
const flatFile = path.join(outdir, 'dtd', flatDtdName(JATS_DOCTYPE.system))
fs.mkdirSync(path.dirname(flatFile), { recursive: true })
fs.writeFileSync(flatFile, flatDtd(JATS_DOCTYPE.system))
fs.writeFileSync(path.join(root, STAMP), '')
