/**
 * Every example of the CommonMark spec (0.31.2, from npm `commonmark-spec`) as
 * the body of a letter: none crashes, every finding has a place, the JATS is
 * valid against the DTD and the HTML parses. The spec writes a tab as `→`.
 */
import spec from 'commonmark-spec'
import { describe, expect, it } from 'vitest'
import { corpusFolder, galleyFaults, throughEmitters, unplaced } from './emitters.ts'

const dir = corpusFolder()
/** `<foo\\+@bar.example.com>`: Pandoc, whose Markdown Galley reads, takes `@bar.example.com` for a citation too. */
const CITATION_LOOKALIKE = 606

describe('the CommonMark spec examples', () => {
  it('are all 652 of them', () => {
    expect(spec.tests).toHaveLength(652)
  })

  it.each(spec.tests.map((example) => [example.number, example.section, example.markdown] as const))(
    'example %i (%s)', (number, _section, markdown) => {
      const outcome = throughEmitters(dir, `example-${number}.md`, markdown.replace(/→/g, '\t'))
      expect(galleyFaults(outcome)).toEqual([])
      expect(unplaced(outcome)).toEqual([])
      expect(outcome.htmlErrors).toEqual([])
      if (number === CITATION_LOOKALIKE) {
        expect(outcome.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId)).toEqual(['citation-unknown'])
      } else {
        expect(outcome.jats).toContain('</article>')
      }
    })
})
