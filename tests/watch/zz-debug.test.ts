import { it } from 'vitest'
import { XmlDocument, ParseOption } from 'libxml2-wasm'
import { prepareArticle } from '../../src/article.ts'
import { serializeJats, toJats } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { workspace } from './fixture.ts'
it('loops', async () => {
  const space = workspace()
  const run = () => {
    const { article, files } = prepareArticle('manuscript/letter.md', { cwd: space.dir, template: space.template })
    if (!article) return console.log('prepare failed')
    const xml = serializeJats(toJats(article))
    const problems = validateJats(xml, 'output/letter.xml')
    console.log(JSON.stringify(problems))
    if (problems.length) {
      try { XmlDocument.fromString(xml, { option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_BIG_LINES, url: 'output/letter.xml' }).dispose(); console.log('parse ok') } catch (e) { console.log('parse threw', e, (e as any).details) }
    }
  }
  run()
  space.edit('manuscript/letter.md', 'Calcinosis is an infrequent', 'Calcinosis is an uncommon'); run()
  space.edit('manuscript/letter.md', 'very scarce [@balin2012].', 'very scarce [@nokey].'); run()
  space.edit('manuscript/letter.md', '[@nokey]', '[@balin2012]'); run()
  space.remove()
})
