/**
 * How often Galley reads citations as Pandoc does, over the differential
 * corpus (the shipped letter, tests/pandoc/corpus/*.md, and the generated
 * manuscripts the differential test uses): citations compared, citations
 * that agree, and every difference. The README quotes its last line.
 * Run: node --import tsx scripts/pandoc-agreement.ts
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { fixture } from '../tests/helpers.ts'
import { compare, galleyReading, pandocReading } from '../tests/pandoc/oracle.ts'
import { GENERATED_RUNS, GENERATED_SEED, manuscript } from '../tests/pandoc/manuscripts.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const corpus = path.join(root, 'tests/pandoc/corpus')
const bib = fs.readFileSync(path.join(corpus, 'refs.bib'), 'utf8')
const generated = fc.sample(manuscript, { numRuns: GENERATED_RUNS, seed: GENERATED_SEED })
  .map((markdown) => path.join(fixture({ 'letter.md': markdown, 'refs.bib': bib }), 'letter.md'))
const files = [
  path.join(root, 'manuscript/letter.md'),
  ...fs.readdirSync(corpus).filter((name) => name.endsWith('.md')).sort().map((name) => path.join(corpus, name)),
  ...generated,
]
let compared = 0
let agreed = 0
let listsAgreed = 0
for (const file of files) {
  const galley = galleyReading(file)
  const result = compare(galley, pandocReading(file))
  compared += result.compared
  agreed += result.agreed
  if (!result.differences.some((line) => line.startsWith('reference list'))) listsAgreed++
  console.log(`${file.startsWith(root) ? path.relative(root, file) : 'generated'}: ${result.agreed}/${result.compared}${galley.errors.length ? ` (errors: ${galley.errors.join('; ')})` : ''}`)
  for (const difference of result.differences) console.log(`  ${difference}`)
}
console.log(`${compared} citations compared with Pandoc over ${files.length} manuscripts (${files.length - generated.length} written, ${generated.length} generated); ${agreed} agree; ${listsAgreed} of ${files.length} reference lists agree`)
