/** Images are what they say: bytes against name, formats the outputs carry, SVGs that cannot run or fetch. */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findings } from '../../src/cli/report.ts'
import { prepareArticle } from '../../src/prepare/article.ts'
import { FRONT, PNG_1x1, manuscript } from '../helpers.ts'

const FRONT_LINES = FRONT.split('\n').length - 1
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#08c"/></svg>\n'

function imageFinding(name: string, content: string | Buffer) {
  const dir = manuscript(`Cite [@alpha2020].\n\n![C](figures/${name}){#fig-x fig-alt="a"}\n`, { [`figures/${name}`]: content })
  const all = findings(prepareArticle(path.join(dir, 'letter.md'), { cwd: dir }).files)
  return all.find((f) => f.ruleId === 'image-format')
}

describe('image bytes', () => {
  it.each([
    ['a.png', PNG_1x1],
    ['a.svg', SVG],
    ['a.gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    ['a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
  ])('%s that is what it says builds', (name, content) => {
    expect(imageFinding(name, content)).toBeUndefined()
  })

  it.each([
    ['a TIFF', 'a.tif', Buffer.from('II*\0\x08\0\0\0', 'latin1'), /is a TIFF image: the outputs carry PNG, JPEG, GIF, WebP or SVG/],
    ['text named .png', 'a.png', 'not a picture\n', /is not an image Galley can use/],
    ['a JPEG named .png', 'a.png', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), /holds a JPEG image but is named as PNG/],
    ['an SVG with a script', 'a.svg', SVG.replace('<rect', '<script>alert(1)</script><rect'), /an SVG with a <script>/],
    ['an SVG with an event handler', 'a.svg', SVG.replace('<rect', '<rect onload="alert(1)"'), /event handler/],
    ['an SVG referring outside', 'a.svg', SVG.replace('<rect', '<image href="file:///etc/passwd"/><rect'), /reference outside the image/],
  ])('%s is an error at the figure', (_, name, content, message) => {
    const finding = imageFinding(name, content)
    expect(finding).toMatchObject({ severity: 'error', line: FRONT_LINES + 3, column: 1 })
    expect(finding!.message).toMatch(message)
  })
})
