// `npm run build:dist`, after tsc: bundles the CLI with esbuild into dist/bundle/, which
// bin/galley.js runs, and then writes the stamp bin/entry.js compares with src/.
// Why: a cold `galley check` spent about 300 ms of its 650 ms resolving, reading and compiling
// some 400 ES modules one file at a time; the bundle is a few dozen files.
//
// - ESM with code splitting: every `await import()` in src/ stays a chunk of its own, loaded
//   when it runs (`--help` loads neither check nor build code; tests/startup guards it).
//   ESM, not CommonJS, because libxml2-wasm awaits its WebAssembly at its top level.
// - Except the packages every check and build loads: one CommonJS file, compiled-HASH.cjs, run
//   with V8's code cache (see COMPILED below and src/cache/compiled-code.ts).
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
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
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

// The packages every check and build loads, run from one CommonJS file with V8's code cache
// (src/cache/compiled-code.ts): ES modules are compiled afresh at every start. Each import of one
// of them in the ES module bundle becomes a module taking its exports from that file; packages
// loaded only by some runs (the browser, pdf-lib, the watcher, temml, libxml2-wasm, whose
// top-level await CommonJS cannot hold) stay where they are.
const COMPILED = [
  '@citation-js/core', '@citation-js/plugin-bibtex', '@citation-js/plugin-csl', '@citation-js/plugin-doi', 'citeproc',
  'decode-named-character-reference', 'hast-util-from-html', 'hast-util-to-html', 'hast-util-to-string', 'hastscript',
  'mdast-util-definition-list', 'mdast-util-definitions', 'mdast-util-from-markdown', 'mdast-util-gfm-footnote',
  'mdast-util-gfm-strikethrough', 'mdast-util-gfm-table', 'mdast-util-gfm-task-list-item', 'mdast-util-math',
  'mdast-util-to-hast', 'mdast-util-to-string', 'micromark-extension-definition-list', 'micromark-extension-gfm-footnote',
  'micromark-extension-gfm-strikethrough', 'micromark-extension-gfm-table', 'micromark-extension-gfm-task-list-item',
  'micromark-util-symbol', 'remark-frontmatter', 'remark-parse', 'unified', 'unist-util-position', 'unist-util-visit',
  'vfile', 'vfile-location', 'vfile-message', 'xast-util-from-xml', 'xast-util-to-xml', 'xastscript', 'yaml',
]
const compiled = await esbuild.build({
  absWorkingDir: checkout,
  // Each package is evaluated when first asked for: those only some runs need cost nothing in the others.
  stdin: {
    contents: COMPILED.map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => require(${JSON.stringify(name)}) })`).join('\n'),
    resolveDir: checkout,
    sourcefile: 'compiled.cjs',
  },
  outdir,
  entryNames: 'compiled-[hash]',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  plugins: [libraryFetch],
  metafile: true,
  logLevel: 'warning',
})
const [compiledFile, compiledOutput] = Object.entries(compiled.metafile.outputs)[0]
const requireFromCheckout = createRequire(path.join(checkout, 'package.json'))
/** A package's exports: a CommonJS one's by require (import sees only what a lexer finds), else by import. */
async function exportsOf(name) {
  try {
    return requireFromCheckout(name)
  } catch (error) {
    if (error.code !== 'ERR_REQUIRE_ESM') throw error
    return import(pathToFileURL(requireFromCheckout.resolve(name)).href).catch(() => import(name))
  }
}
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/
// What each module standing for a compiled package begins with: the compiled part's exports.
const COMPILED_PART = [
  "import { fileURLToPath } from 'node:url'",
  `import { requireCompiled } from ${JSON.stringify(path.join(checkout, 'src/cache/compiled-code.ts'))}`,
  `const compiledPart = requireCompiled(fileURLToPath(new URL(${JSON.stringify(`./${path.basename(compiledFile)}`)}, import.meta.url)))`,
]
const compiledPackages = {
  name: 'compiled-packages',
  setup(build) {
    const names = new RegExp(`^(${COMPILED.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`)
    build.onResolve({ filter: names }, ({ path: name }) => ({ path: name, namespace: 'compiled' }))
    // src/cache/require-later.ts, for the bundle: the package from the compiled part.
    build.onLoad({ filter: /[/\\]src[/\\]cache[/\\]require-later\.ts$/ }, () => ({
      resolveDir: checkout,
      loader: 'js',
      contents: [...COMPILED_PART, 'export const requireLater = (name) => compiledPart[name]'].join('\n'),
    }))
    build.onLoad({ filter: /.*/, namespace: 'compiled' }, async ({ path: name }) => {
      const exported = Object.keys(await exportsOf(name)).filter((key) => IDENTIFIER.test(key) && key !== 'default' && key !== '__esModule')
      return {
        resolveDir: checkout,
        contents: [
          ...COMPILED_PART,
          `const exports = compiledPart[${JSON.stringify(name)}]`,
          'export default exports.__esModule ? exports.default : exports',
          `export const { ${exported.join(', ')} } = exports`,
        ].join('\n'),
      }
    })
  },
}

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
  plugins: [libraryFetch, compiledPackages],
  metafile: true,
  logLevel: 'warning',
})

const chunks = { [path.basename(compiledFile)]: Object.keys(compiledOutput.inputs).sort() }
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
