/**
 * An article in a language Galley has no words for still builds, with
 * English ones standing in; the author is told where, and how to give them.
 */
import type { VFile } from 'vfile'
import { cslLocale, hasCslLocale } from '../citations/format.ts'
import { warn, type Place } from '../diagnostics/messages.ts'
import { hasWordsFor } from '../template/words.ts'
import type { Template } from '../types.ts'

export function checkLanguage(lang: string, template: Template, hasReferences: boolean, file: VFile, place?: Place): void {
  const missing: string[] = []
  if (!hasWordsFor(lang, template.words)) {
    missing.push(`no words in "${lang}" for headings and labels: "References", "Figure" print in English (give them under \`words: ${lang}:\` in the template's template.yaml, see docs/templates.md)`)
  }
  if (hasReferences && !hasCslLocale(lang)) {
    const locale = cslLocale(lang)
    // CSL names its locales with a region: a bare language finds none.
    const fix = locale.includes('-') ? `add locales-${locale}.xml to the template's \`locales\``
      : `write it with its region, \`lang: ${locale}-XX\`, and add locales-${locale}-XX.xml to the template's \`locales\``
    missing.push(`no CSL locale for "${lang}": the reference list's terms ("Available from", "et al.") print in English (${fix})`)
  }
  if (missing.length === 0) return
  warn(file, `Galley has ${missing.join('; and ')}`, place, 'lang-words-missing')
}
