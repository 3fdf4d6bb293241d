/** Small manuscripts on disk for tests: each test gets its own folder. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const LETTER = path.join(ROOT, 'manuscript/letter.md')

export const BIB = `@article{alpha2020,
  author = {Alpha, A. and Beta, B.},
  title = {First work},
  journal = {Journal of Tests},
  year = {2020},
  volume = {1},
  pages = {1--10},
  doi = {10.5555/alpha}
}

@article{gamma2021,
  author = {Gamma, G.},
  title = {Second work},
  journal = {Journal of Tests},
  year = {2021}
}

@book{delta2019,
  author = {Delta, D. and Epsilon, E. and Zeta, Z.},
  title = {Third work},
  publisher = {Test Press},
  year = {2019}
}

@article{eta2018,
  author = {Eta, H.},
  title = {Fourth work},
  journal = {Journal of Tests},
  year = {2018}
}
`

export const FRONT = `---
title: A test letter
lang: en
article-type: letter
author:
  - name:
      given: A.
      family: Author
    email: a@example.org
    corresponding: true
    affiliations:
      - ref: uni
affiliations:
  - id: uni
    name: Test University
    city: Madrid
    country: Spain
date: 2020-05
bibliography: refs.bib
template: actas-dermo-sifiliograficas
---
`

/** Writes files (relative paths → content) into a fresh folder; returns it. */
export function fixture(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-test-'))
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), content)
  }
  return dir
}

/** A manuscript with the standard front matter and bibliography plus `body`. */
export function manuscript(body: string, extra: Record<string, string | Buffer> = {}): string {
  return fixture({ 'letter.md': FRONT + body, 'refs.bib': BIB, ...extra })
}

export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
