/** `galley build | check | watch | refs`: the dispatch and the main help; each command is in its own module. */
import fs from 'node:fs'
import { keepWasmInBaselineTier } from '../jats/wasm-tiering.ts'
import { cheaplyChecked } from '../outputs/registry.ts'
import { builtFormatsHelp, fill, UsageError, type Io } from './options.ts'

keepWasmInBaselineTier()

const VERSION = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string

// What `galley check` checks: the manuscript's parts, then each output format with a cheap check.
const CHECKED = ['front matter', 'citations', 'cross-references', 'figures', 'CSL', 'bibliography']
const OUTPUT_CHECKS = cheaplyChecked().map((entry) => entry.check.what)

const HELP = `galley ${VERSION}: Markdown scientific letters to JATS XML, journal HTML and PDF

Usage: galley <command> [manuscript.md] [options]

Commands:
  build   Build ${builtFormatsHelp()} into output/
${fill(`  check   Check everything but the PDF, quickly (${[...CHECKED, ...OUTPUT_CHECKS].join(', ')})`, ' '.repeat(10))}
  watch   Rebuild on every change; --serve for a live preview
  refs    Resolve works cited by DOI, PMID or PMCID into references.lock.json;
          --check compares the bibliography with what its identifiers resolve to

Run 'galley <command> --help' for a command's options.
Options: --help, --version`

const defaultIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  color: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === '--version' || command === '-v') return io.out(VERSION), 0
  if (!command || command === '--help' || command === '-h' || command === 'help') return io.out(HELP), command ? 0 : 2
  try {
    switch (command) {
      // Each command's module loads when it runs: --help and --version load none of them.
      case 'build': {
        const { buildCommand } = await import('./build-command.ts')
        return await buildCommand(rest, { ...io, tty: io === defaultIo && Boolean(process.stderr.isTTY) })
      }
      case 'check': {
        const { checkCommand } = await import('./check-command.ts')
        return await checkCommand(rest, io)
      }
      case 'refs': {
        const { refsCommand } = await import('../references/command.ts')
        return await refsCommand(rest, io)
      }
      case 'watch': {
        const { watchCommand } = await import('../watch/command.ts')
        return await watchCommand(rest, io)
      }
      default:
        io.err(`galley: unknown command "${command}". Commands: build, check, watch, refs (galley --help)`)
        return 2
    }
  } catch (cause) {
    if (cause instanceof UsageError) {
      io.err(`galley ${command}: ${cause.message}`)
      return 2
    }
    throw cause
  }
}
