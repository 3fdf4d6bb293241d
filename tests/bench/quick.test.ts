/**
 * The benchmark in its quick mode (one run of each figure), so it keeps
 * running as the code changes. It prints times; nothing here judges them.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { ROOT } from '../helpers.ts'

it('bench/run.ts --quick measures every figure', { timeout: 900_000 }, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/run.ts'), '--quick'], {
    cwd: ROOT, maxBuffer: 16 * 2 ** 20,
  })
  const rows = stdout.split('\n').filter((line) => line.startsWith('| '))
  const row = (what: string) => rows.find((line) => line.startsWith(`| ${what}`))
  for (const what of ['galley --version', 'galley --help', 'galley check (new process)', 'galley build, cold', 'galley build of 3 letters', 'prepare, warm', 'check, warm', 'watch rebuild, one-word edit → XML, HTML |', 'watch rebuild, one-word edit → XML, HTML, PDF', 'watch --serve: save → edit in the open page', 'watch --serve: save → PDF link updated', 'galley build, review ×0.1', 'galley check, review ×0.4']) {
    expect(row(what), `${what} in:\n${stdout}`).toBeDefined()
    // Each measured row has a time in milliseconds.
    expect(row(what)).toMatch(/\| \d+ ms \|/)
  }
  expect(row('galley check (new process)')).toContain('pandoc --citeproc -t jats')
  expect(row('galley build, cold')).toContain('chromium --print-to-pdf')
  expect(row('galley build, review ×0.4')).toContain('build of review ×0.1')
  expect(stdout).toMatch(/^Machine: .+ cores/m)
})
