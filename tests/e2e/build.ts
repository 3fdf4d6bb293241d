/** Builds the real letter through the CLI into a temporary output folder. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { main } from '../../src/cli/main.ts'
import { LETTER } from '../helpers.ts'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function galley(args: string[]): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { out: (text) => { stdout += `${text}\n` }, err: (text) => { stderr += `${text}\n` }, color: false })
  return { code, stdout, stderr }
}

export async function buildLetter(extra: string[] = [], manuscript = LETTER): Promise<{ out: string; run: CliRun }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-e2e-'))
  const run = await galley(['build', manuscript, '--out', out, ...extra])
  if (run.code !== 0) throw new Error(`galley build failed:\n${run.stderr}`)
  return { out, run }
}

/** Letters and digits only, lower-cased: compares text across line breaks and hyphenation. */
export function letters(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}
