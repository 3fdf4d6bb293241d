/** A standalone YAML file (template.yaml) read like front matter, with positions. */
import fs from 'node:fs'
import type { VFile } from 'vfile'
import { parseYaml, type FrontMatter } from './front-matter.ts'

export function readYamlFile(absolute: string, file: VFile): FrontMatter | undefined {
  file.value = fs.readFileSync(absolute, 'utf8')
  const yaml = parseYaml(String(file.value), { line: 1, column: 1 }, file, 'template-yaml')
  return yaml.document.errors.length ? undefined : yaml
}
