import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/diagnostics/rules.ts'
import { ROOT } from '../helpers.ts'

describe('the rules registry', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const table = readme.split('\n').filter((line) => line.startsWith('| `'))

  it.each(Object.entries(RULES))('README lists %s with its severity', (id, rule) => {
    const row = table.find((line) => line.split('|')[1].includes(`\`${id}\``))
    expect(row, `README's rules table has no row for ${id}`).toBeDefined()
    expect(row!.split('|')[2]).toContain(rule.severity)
  })

  it('README lists no rule the registry lacks', () => {
    const listed = table.flatMap((line) => [...line.split('|')[1].matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((match) => match[1]))
    expect(listed.filter((id) => !(id in RULES))).toEqual([])
  })
  // That src/ uses only registered ids is the type checker's job: error() and warn() take a RuleId.
})
