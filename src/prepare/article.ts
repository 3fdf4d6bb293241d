/**
 * read → parse → transform: everything up to the `Article` the emitters
 * share. Findings go into vfiles (the manuscript, its bibliography, the
 * template); the article is returned only when none of them has an error.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Root } from 'mdast'
import { VFile } from 'vfile'
import { loadBibliography } from '../citations/bibliography.ts'
import { formatReferences, registerLocale, registerStyle } from '../citations/format.ts'
import { checkClusterSizes, checkReferenceCount } from '../citations/limits.ts'
import { numberCitations } from '../citations/number.ts'
import { displayPath, error, hasErrors, reportFailure, warn } from '../diagnostics/messages.ts'
import { abstractsOf, readMetadata, titleRoots } from '../metadata/front-matter.ts'
import { checkNesting, checkTreeDepth } from '../parse/bounds.ts'
import { readableText } from '../parse/unprintable.ts'
import { MAX_MANUSCRIPT_BYTES, readContained } from './contained.ts'
import { addIdentifiedWorks } from '../references/apply.ts'
import { lockPathFor, readLock } from '../references/lock.ts'
import { readFrontMatter } from '../parse/front-matter.ts'
import { readCitations } from './citations.ts'
import { parseMarkdown } from '../parse/markdown.ts'
import { DEFAULT_TEMPLATE, loadTemplate } from '../template/load.ts'
import { wordsFor } from '../template/words.ts'
import { resolveCrossReferences, sectionTargets } from '../transform/cross-references.ts'
import { warnAboutRawHtml } from '../transform/raw-html.ts'
import { transformFigures } from '../transform/figures.ts'
import { checkLanguage } from './language.ts'
import { resolveImageReferences } from '../transform/image-references.ts'
import { readSupplementary } from '../transform/supplementary.ts'
import { allowedLicenseUrl, applyUrlPolicy, applyUrlPolicyToBibliography } from '../transform/url-policy.ts'
import { transformInlineMath, transformMath } from '../transform/math.ts'
import { transformLineBlocks } from '../transform/line-blocks.ts'
import { readCodeAttributes } from '../transform/code-attributes.ts'
import { readShortcodes } from '../transform/shortcodes.ts'
import { warnAboutPandocTables } from '../transform/pandoc-tables.ts'
import { dropRawTex } from '../transform/raw-tex.ts'
import { smartenPunctuation } from '../transform/smart-punctuation.ts'
import { transformSpans } from '../transform/spans.ts'
import { readInlineAttributes, releaseInlineIds } from '../transform/inline-attributes.ts'
import { checkGlyphs } from '../template/glyphs.ts'
import { numberFootnotes } from '../transform/footnotes.ts'
import { labelAffiliations } from '../transform/affiliations.ts'
import { readHeadingAttributes, releaseClashingIds } from '../transform/heading-attributes.ts'
import { checkConsent, gatherDeclarations, takeDeclarations } from '../transform/declarations.ts'
import type { Article, ArticleMetadata, Template } from '../types.ts'

export interface PrepareOptions {
  /** Template name or path; overrides the front matter's `template:`. */
  template?: string
  cwd?: string
}

export interface Prepared {
  article?: Article
  /** Every file that findings may point into, manuscript first. */
  files: VFile[]
}

export function readManuscript(manuscript: string, cwd: string): VFile {
  const absolute = path.resolve(cwd, manuscript)
  const file = new VFile({ path: displayPath(absolute, cwd), cwd })
  const stat = fs.statSync(absolute, { throwIfNoEntry: false })
  if (!stat?.isFile()) {
    error(file, `Cannot read the manuscript ${absolute}: ${stat ? 'not a readable file' : 'no such file'}`, undefined, 'manuscript-missing')
  } else if (stat.size > MAX_MANUSCRIPT_BYTES) {
    error(file, `The manuscript is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over Galley's limit of ${MAX_MANUSCRIPT_BYTES / 1024 / 1024} MB for a letter`, undefined, 'file-too-large')
  } else {
    const bytes = readContained(absolute, MAX_MANUSCRIPT_BYTES)
    if (bytes) file.value = decodeUtf8(bytes, file)
    else error(file, `Cannot read the manuscript ${absolute}: it changed while being read`, undefined, 'manuscript-missing')
  }
  return file
}

/** UTF-8 text; bytes that are not UTF-8 become U+FFFD, as before, but never silently. */
function decodeUtf8(bytes: Buffer, file: VFile): string {
  const text = bytes.toString('utf8')
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // The first replacement character is the first bad byte (or one the author wrote before it).
    const before = text.slice(0, Math.max(0, text.indexOf('\uFFFD'))).split('\n')
    warn(file, 'The manuscript is not valid UTF-8 here (the bad bytes print as \uFFFD in every output): save the file as UTF-8', { line: before.length, column: before.at(-1)!.length + 1 }, 'manuscript-encoding')
  }
  return readableText(text, file)
}

/** The journal's standing copyright line, for a manuscript that states none. */
function journalCopyright(template: Template, meta: ArticleMetadata): ArticleMetadata['copyright'] {
  const holder = template.journal.copyrightHolder
  if (!holder || !meta.date) return undefined
  return { holder, year: meta.date.year, statement: `© ${meta.date.year} ${holder}` }
}

/** Names in the output folder a linked file may not take: the figures' flat copies and the outputs themselves. */
function outputNames(figures: ReadonlyMap<string, string>, file: VFile): Map<string, string> {
  const names = new Map(figures)
  for (const extension of ['xml', 'html', 'pdf', 'meca.zip']) names.set(`${file.stem ?? 'article'}.${extension}`, 'an output')
  return names
}

/** Never throws: an exception inside becomes a build-failed finding in the manuscript's file. */
export function prepareArticle(manuscript: string, options: PrepareOptions = {}): Prepared {
  const cwd = options.cwd ?? process.cwd()
  try {
    return prepareUnguarded(manuscript, options, cwd)
  } catch (cause) {
    const file = new VFile({ path: displayPath(path.resolve(cwd, manuscript), cwd), cwd })
    reportFailure(file, cause, 'prepare')
    return { files: [file] }
  }
}

/** The titles' inline Markdown read as the body's is (spans, link attributes, math); returns their roots. */
function transformTitles(meta: ArticleMetadata, file: VFile): Root[] {
  const titles = titleRoots(meta)
  for (const root of titles.roots) {
    transformSpans(root, file)
    readInlineAttributes(root, file)
    transformInlineMath(root, file)
  }
  titles.keep()
  return titles.roots
}

function prepareUnguarded(manuscript: string, options: PrepareOptions, cwd: string): Prepared {
  const file = readManuscript(manuscript, cwd)
  const files = [file]
  if (hasErrors(files)) return { files }

  if (!checkNesting(file)) return { files }
  const tree = parseMarkdown(file)
  if (!checkTreeDepth(tree, file)) return { files }
  const frontMatter = readFrontMatter(tree, file)
  if (!frontMatter || hasErrors(files)) return { files }
  const { meta, positions } = readMetadata(frontMatter, file) ?? {}
  if (!meta || !positions) return { files }
  const abstracts = abstractsOf(meta)
  const titles = transformTitles(meta, file)
  if (!abstracts.every((abstract) => checkTreeDepth(abstract, file))) return { files }
  tree.children = tree.children.filter((node) => node.type !== 'yaml')

  const folder = path.dirname(path.resolve(cwd, manuscript))
  // `--template` is relative to where galley runs; the front matter's, to the manuscript.
  const loaded = loadTemplate(options.template ?? meta.template ?? DEFAULT_TEMPLATE, cwd, options.template ? cwd : folder)
  files.push(loaded.file)
  loaded.locales.forEach(registerLocale)

  // Attributes first (headings', then figures'): they must be read before scripts split text.
  // The abstracts go through the same transforms as the body, but hold no figures, notes or declarations.
  const headingIds = new Set<string>()
  for (const root of [tree, ...abstracts]) {
    readHeadingAttributes(root, file, headingIds)
    readCodeAttributes(root, file)
    readShortcodes(root, file)
    warnAboutPandocTables(root, file)
    transformLineBlocks(root, file)
    transformSpans(root, file)
  }
  resolveImageReferences(tree)
  gatherDeclarations(tree)
  const targets = transformFigures(tree, file)
  for (const root of [tree, ...abstracts]) {
    readInlineAttributes(root, file)
    applyUrlPolicy(root, file)
    transformMath(root, file, targets.eq)
    warnAboutRawHtml(root, file)
  }
  const numberedIds = new Set([...targets.fig.keys(), ...targets.tbl.keys(), ...targets.eq.keys()])
  releaseClashingIds(tree, numberedIds, file)
  releaseInlineIds([tree, ...abstracts, ...titles], new Set([...numberedIds, ...headingIds]), file)
  const supplementary = readSupplementary(tree, file, outputNames(targets.files, file))
  const { cited, nocite } = readCitations(tree, meta, frontMatter, file)
  const sections = sectionTargets([tree, ...abstracts])
  for (const root of [tree, ...abstracts]) {
    checkClusterSizes(root, file)
    resolveCrossReferences(root, targets, file, sections)
  }
  // Last of the transforms that read the manuscript's characters: text loses what they take out.
  const titled = titleRoots(meta)
  for (const root of [tree, ...abstracts, ...titled.roots]) {
    dropRawTex(root, file)
    smartenPunctuation(root, file)
  }
  titled.keep()

  const bibliography = loadBibliography(meta.bibliography, cwd,
    { folder, file, place: positions.get('bibliography') })
  files.push(...bibliography.files)
  applyUrlPolicyToBibliography(bibliography)
  if (cited.length + nocite.items.length > 0 && meta.bibliography.length === 0) {
    error(file, 'The manuscript cites works but names no bibliography: add `bibliography: references.bib` to the front matter', { line: 1, column: 1 }, 'bibliography-missing')
  }
  const lock = readLock(lockPathFor(path.resolve(cwd, manuscript)), cwd)
  files.push(lock.file)
  const reported = addIdentifiedWorks([...cited, ...nocite.items], bibliography, lock, file)
  const order = numberCitations(cited.filter((item) => !reported.has(item)), bibliography, file,
    { ...nocite, items: nocite.items.filter((item) => !reported.has(item)) })
  checkReferenceCount(order, cited, file, positions.get('nocite'))
  const template = loaded.template
  if (!template || hasErrors(files)) return { files }

  const style = meta.csl
    ? registerStyle(meta.csl, file, positions.get('csl'), folder)
    : registerStyle(template.csl, loaded.file)
  if (!style) return { files }
  const references = formatReferences(order, bibliography, style, meta.lang)
  checkLanguage(meta.lang, template, references.length > 0, file, positions.get('lang'))
  meta.copyright ??= journalCopyright(template, meta)
  meta.license = allowedLicenseUrl(meta.license, file, positions.get('license.url') ?? positions.get('license'))
  template.journal.license = allowedLicenseUrl(template.journal.license, loaded.file, undefined)
  for (const root of [tree, ...abstracts]) checkGlyphs(root, template, file)
  const footnotes = numberFootnotes(tree)
  labelAffiliations(meta)
  const declarations = takeDeclarations(tree)
  checkConsent(declarations, meta, file, positions.get('article-type'))
  const article: Article = { file, tree, meta, references, footnotes, declarations, supplementary, template, words: wordsFor(meta.lang, template.words) }
  return { article, files }
}
