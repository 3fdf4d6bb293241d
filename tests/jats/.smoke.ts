import fs from 'node:fs'
import { toJats, serializeJats } from '../../src/jats/index.ts'
import { validateJats } from '../../src/jats/validate.ts'
import { makeArticle } from './fixture.ts'
const xml = serializeJats(toJats(makeArticle()))
fs.writeFileSync('/tmp/jx/letter.xml', xml)
console.log(xml)
for (let i = 0; i < 4; i++) { const t = performance.now(); const p = validateJats(xml, '/tmp/jx/letter.xml'); console.log((performance.now() - t).toFixed(1), 'ms', p) }
