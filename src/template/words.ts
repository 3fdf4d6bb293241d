/** The words outputs print, per language; a template may override any of them. */
import type { CrossReference, DeclarationKind, SectionTarget, Words } from '../types.ts'

export const DEFAULT_WORDS: Record<string, Words> = {
  en: {
    figure: 'Fig.', figureLabel: 'Figure', table: 'Table', references: 'References',
    correspondence: 'Corresponding author', and: 'and', etAl: 'et al.',
    abstract: 'Abstract', keywords: 'Keywords', equation: 'Eq.', section: 'Section',
    footnotes: 'Footnotes', backToReference: 'Back to reference',
    acknowledgements: 'Acknowledgements', conflicts: 'Conflicts of interest', funding: 'Funding',
    dataAvailability: 'Data availability', ethics: 'Ethics statement', consent: 'Patient consent',
    contributions: 'Author contributions', appendix: 'Appendix', supplementary: 'Supplementary material',
  },
  es: {
    figure: 'Fig.', figureLabel: 'Figura', table: 'Tabla', references: 'Bibliografía',
    correspondence: 'Autor para correspondencia', and: 'y', etAl: 'et al.',
    abstract: 'Resumen', keywords: 'Palabras clave', equation: 'Ec.', section: 'Sección',
    footnotes: 'Notas', backToReference: 'Volver a la referencia',
    acknowledgements: 'Agradecimientos', conflicts: 'Conflicto de intereses', funding: 'Financiación',
    dataAvailability: 'Disponibilidad de datos', ethics: 'Responsabilidades éticas', consent: 'Consentimiento informado',
    contributions: 'Contribución de los autores', appendix: 'Apéndice', supplementary: 'Material suplementario',
  },
  // European Portuguese spelling ("Secção"), as `pt` is pt-PT for the CSL locale too; a template may give pt-BR's.
  pt: {
    figure: 'Fig.', figureLabel: 'Figura', table: 'Tabela', references: 'Referências',
    correspondence: 'Autor correspondente', and: 'e', etAl: 'et al.',
    abstract: 'Resumo', keywords: 'Palavras-chave', equation: 'Eq.', section: 'Secção',
    footnotes: 'Notas', backToReference: 'Voltar à referência',
    acknowledgements: 'Agradecimentos', conflicts: 'Conflito de interesses', funding: 'Financiamento',
    dataAvailability: 'Disponibilidade de dados', ethics: 'Responsabilidades éticas', consent: 'Consentimento informado',
    contributions: 'Contribuição dos autores', appendix: 'Apêndice', supplementary: 'Material suplementar',
  },
}

/** YAML keys (kebab-case) for each word. */
export const WORD_KEYS: Record<string, keyof Words> = {
  figure: 'figure', 'figure-label': 'figureLabel', table: 'table', references: 'references',
  correspondence: 'correspondence', and: 'and', 'et-al': 'etAl',
  abstract: 'abstract', keywords: 'keywords', equation: 'equation', section: 'section',
  footnotes: 'footnotes', 'back-to-reference': 'backToReference',
  acknowledgements: 'acknowledgements', conflicts: 'conflicts', funding: 'funding',
  'data-availability': 'dataAvailability', ethics: 'ethics', consent: 'consent',
  contributions: 'contributions', appendix: 'appendix', supplementary: 'supplementary',
}

/** The heading a declaration prints under, by kind. */
export function declarationWord(words: Words, kind: DeclarationKind): string {
  return DECLARATION_WORDS[kind](words)
}

const DECLARATION_WORDS: Record<DeclarationKind, (words: Words) => string> = {
  acknowledgements: (words) => words.acknowledgements,
  conflicts: (words) => words.conflicts,
  funding: (words) => words.funding,
  'data-availability': (words) => words.dataAvailability,
  ethics: (words) => words.ethics,
  consent: (words) => words.consent,
  contributions: (words) => words.contributions,
  appendix: (words) => words.appendix,
}

/** The word before the number of a cross-reference: "Fig." 1, "Table" 2, "Eq." 3, "Section" Methods. */
export function crossReferenceWord(words: Words, kind: CrossReference['kind']): string {
  return CROSS_REFERENCE_WORDS[kind](words)
}

const CROSS_REFERENCE_WORDS: Record<CrossReference['kind'], (words: Words) => string> = {
  fig: (words) => words.figure,
  tbl: (words) => words.table,
  eq: (words) => words.equation,
  sec: (words) => words.section,
}

/**
 * A section as a reference names it: the declaration's word when its heading
 * prints one ("Acknowledgements", whatever the heading said), else undefined
 * (the heading's own words, `SectionTarget.title`).
 */
export function sectionWord(words: Words, section: SectionTarget): string | undefined {
  const declaration = section.declaration
  if (!declaration?.heading || (declaration.kind === 'appendix' && section.title.length > 0)) return undefined
  return declarationWord(words, declaration.kind)
}

/** "A", "A and B", "A et al.": how a list of names is cut short, in the words' language. */
export function nameList(names: readonly string[], words: Pick<Words, 'and' | 'etAl'>): string {
  if (names.length <= 1) return names[0] ?? ''
  if (names.length === 2) return `${names[0]} ${words.and} ${names[1]}`
  return `${names[0]} ${words.etAl}`
}

/** Whether the template or Galley has words in `lang` (or its base language), rather than English ones standing in. */
export function hasWordsFor(lang: string, words: Record<string, Words>): boolean {
  const base = lang.split('-')[0]
  return lang in words || base in words || base in DEFAULT_WORDS
}

export function wordsFor(lang: string, words: Record<string, Words>): Words {
  const base = lang.split('-')[0]
  return words[lang] ?? words[base] ?? DEFAULT_WORDS[base] ?? words.en ?? DEFAULT_WORDS.en
}

/**
 * The words the JATS prints (labels, the reference list's title): Galley's
 * built-in ones for the language, whatever the template says, so the JATS
 * body and back are the same whichever journal's look is chosen. Only a
 * language Galley has no words for takes the template's.
 */
export function archiveWords(lang: string, templateWords: Record<string, Words>): Words {
  return DEFAULT_WORDS[lang] ?? DEFAULT_WORDS[lang.split('-')[0]] ?? wordsFor(lang, templateWords)
}
