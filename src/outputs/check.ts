/**
 * `galley check`'s share of the outputs: every format with a cheap check is
 * emitted in memory and checked, and the others' lint runs. Nothing is
 * written. Findings placed in the manuscript land in `article.file`; the
 * files returned are those of generated outputs.
 */
import type { VFile } from 'vfile'
import type { Article } from '../types.ts'
import { FORMATS, OUTPUTS } from './registry.ts'

export async function checkOutputs(article: Article): Promise<VFile[]> {
  const files: VFile[] = []
  for (const entry of FORMATS.map((format) => OUTPUTS[format])) {
    if (entry.check?.cheap) {
      const emitted = await entry.emit(article, { time: async (_stage, work) => work(), staged: {}, stagedAssets: {}, stagedTrees: {} })
      const file = await entry.check.run(emitted, `(generated) ${article.file.stem}.${entry.extension}`, article)
      if (file.messages.length > 0) files.push(file)
    } else {
      await entry.lint?.(article)
    }
  }
  return files
}
