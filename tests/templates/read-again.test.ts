/**
 * A process that loads one template many times (watch, a batch) reads it again only when a file
 * it was read from changed: the same template and findings until then, and the change seen at
 * once after, whichever of its files changed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { loadTemplate } from '../../src/template/load.ts'
import { ROOT } from '../helpers.ts'

const made: string[] = []
afterAll(() => { for (const dir of made) fs.rmSync(dir, { recursive: true, force: true }) })

function templateCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-template-'))
  made.push(dir)
  fs.cpSync(path.join(ROOT, 'templates/clinical-case-letters'), dir, { recursive: true })
  return dir
}

const findings = (dir: string) => {
  const loaded = loadTemplate(dir, os.tmpdir())
  return { template: loaded.template, messages: loaded.file.messages.map((message) => `${message.ruleId} ${message.line}`) }
}

it('gives the same template until a file changes, and a copy each time', () => {
  const dir = templateCopy()
  const first = findings(dir)
  expect(first.messages).toEqual([])
  // What the caller does to its copy (prepare sets the licence) is not kept.
  first.template!.journal.title = 'Changed by a caller'
  const again = findings(dir)
  expect(again.template!.journal.title).not.toBe('Changed by a caller')
  first.template!.journal.title = again.template!.journal.title
  expect(again).toEqual(first)
})

it('sees an edit of template.yaml, of a stylesheet, and a font removed or put back', () => {
  const dir = templateCopy()
  const yamlFile = path.join(dir, 'template.yaml')
  expect(findings(dir).messages).toEqual([])

  fs.writeFileSync(yamlFile, fs.readFileSync(yamlFile, 'utf8').replace(/^(\s*title:).*$/m, '$1 Another Journal'))
  expect(findings(dir).template!.journal.title).toBe('Another Journal')

  const css = path.join(dir, fs.readFileSync(yamlFile, 'utf8').match(/screen:\s*\[?\s*([\w./-]+\.css)/)![1]!)
  const font = fs.readFileSync(css, 'utf8').match(/url\(["']?([^"')]+\.woff2)/)?.[1]
  expect(font, 'the stylesheet loads a font').toBeTruthy()
  const fontFile = path.resolve(path.dirname(css), font!)
  const bytes = fs.readFileSync(fontFile)
  fs.rmSync(fontFile)
  expect(findings(dir).messages).toEqual([expect.stringMatching(/^template-invalid-file \d+$/)])
  fs.writeFileSync(fontFile, bytes)
  expect(findings(dir).messages).toEqual([])

  fs.appendFileSync(css, '\n.extra { background: url(missing.png) }\n')
  expect(findings(dir).messages).toEqual([expect.stringMatching(/^template-invalid-file \d+$/)])
})
