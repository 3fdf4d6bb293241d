/**
 * The data shapes that flow through Galley, stage to stage:
 *
 *   read (VFile) → parse (mdast + front matter) → transform (citations,
 *   cross-references, figures, metadata) → Article → emitters (JATS, HTML, PDF)
 *
 * Emitters receive an `Article` and never look at the source text again.
 */
import type { BlockContent, FootnoteDefinition, Root, RootContent, PhrasingContent, Table } from 'mdast'
import type { ElementContent } from 'hast'
import type { Node, Position } from 'unist'
import type { VFile } from 'vfile'
import type { RichField } from './citations/rich-text.ts'
import type {} from 'mdast-util-math'

// ---------------------------------------------------------------------------
// mdast extensions created by the transform stage

/** Pandoc's citation modes: `[@a]`, `@a`, `[-@a]`. */
export type CitationMode = 'normal' | 'author-in-text' | 'suppress-author'

/** One cited work inside a citation cluster (`see @key, p. 5`), as Pandoc reads it. */
export interface CitationItem {
  key: string
  /** Number of the work in order of first citation (1-based). */
  number: number
  /** Pandoc's mode for this item (default "normal"). */
  mode?: CitationMode
  /** Pandoc's citation prefix, before the key ("see"). */
  prefix?: PhrasingContent[]
  /** Pandoc's citation suffix as written, after the key (", p. 5" or " p. 5"). */
  suffix?: PhrasingContent[]
  /** The locator citeproc reads from the suffix: CSL term and value ("page", "5"). */
  locator?: { label: string; value: string }
  /** What outputs print after the number: the locator as written after a comma, then the rest of the suffix (", p. 5"). */
  afterNumber?: PhrasingContent[]
  /** Where `@key` was written. */
  position?: Position
}

/** A citation cluster: `[@a; @b, p. 5]` (parenthetical) or `@a` (narrative). */
export interface Citation extends Node {
  type: 'citation'
  mode: 'parenthetical' | 'narrative'
  items: CitationItem[]
}

/** `@fig-id` / `@tbl-id` / `@eq-id` pointing at a numbered figure, table or equation; `@sec-id` at a section. */
export interface CrossReference extends Node {
  type: 'crossReference'
  kind: 'fig' | 'tbl' | 'eq' | 'sec'
  /** The target's id as written, without `#` (e.g. "fig-face"). */
  identifier: string
  /** A figure's, table's or equation's number; 0 for a section (Galley does not number sections). */
  number: number
  /** The letter of a figure panel (`@fig-x-a` → 1A), printed after the number. */
  panel?: string
  /** Printed without its word ("Fig.", "Section"): written `[-@fig-x]`, or with a prefix of the author's (`[Figure @fig-x]`), as Quarto reads them. */
  bare?: boolean
  /** For `@sec-x`, the section it names (transform/cross-references.ts). */
  section?: SectionTarget
  /** How the reference was written, as Pandoc would read it as a citation. */
  data?: { cite?: { mode: CitationMode; prefix: string; suffix: string } }
}

/** What a reference to a section reads: the section's title, as its heading prints it. */
export interface SectionTarget {
  /** The heading's words, without its notes, citations, cross-references and links (a reference is a link of its own). */
  title: PhrasingContent[]
  /**
   * The declaration the section is, or is inside (transform/declarations.ts);
   * `heading` when it is the declaration itself, whose heading prints the
   * template's word for its kind (an appendix, its own title).
   */
  declaration?: { kind: DeclarationKind; heading: boolean }
}

/** The caption of a figure or table: inline Markdown, citations included. */
export interface Caption extends Node {
  type: 'caption'
  children: PhrasingContent[]
}

/**
 * A paragraph holding only `![caption](url){#fig-id fig-alt="..."}`. The
 * caption is a child, so transforms (citations, scripts) reach into it.
 */
export interface Figure extends Node {
  type: 'figure'
  identifier: string
  number: number
  /** Path relative to the manuscript, as written. */
  url: string
  /** Absolute path of the image on disk. */
  path: string
  /** Name of the copy beside the outputs (figures are copied flat): what the build writes. */
  file: string
  /** `file` as a URI reference, what HTML `src` and JATS `xlink:href` say. */
  href: string
  alt: string
  /** A panel of a figure group: its letter ("A"); `number` is then the group's. */
  panel?: string
  children: [Caption]
}

/**
 * Quarto's subfigures: a `::: {#fig-x layout-ncol=2}` div of images and a
 * caption. The group is numbered once (Figure 1); its panels are lettered
 * (1A, 1B) and cross-referenced by their own ids.
 */
export interface FigureGroup extends Node {
  type: 'figureGroup'
  identifier: string
  number: number
  /** Panels side by side in one row (`layout-ncol`). */
  columns: number
  children: [Caption, ...Figure[]]
}

/**
 * A link to a file beside the manuscript (`[Table S1](supplementary/table-s1.csv)`):
 * the file is supplementary material, copied into the output folder at the
 * same relative path, and the link points at the copy.
 */
export interface SupplementaryLink extends Node {
  type: 'supplementaryLink'
  /** The id of its `SupplementaryFile` ("supp1"). */
  identifier: string
  /** The copy, relative to the outputs, as a URI reference. */
  href: string
  children: PhrasingContent[]
}

/** A supplementary file, listed once however often it is linked (JATS `<supplementary-material>`). */
export interface SupplementaryFile {
  /** "supp1", "supp2", … in order of first link. */
  id: string
  /** Absolute path on disk. */
  from: string
  /** Path of the copy relative to the output folder, as written relative to the manuscript. */
  to: string
  /** `to` as a URI reference. */
  href: string
  /** Media type, e.g. "text/csv". */
  mediaType: string
  /** The first link's text, or its `{caption="…"}`. */
  caption: PhrasingContent[]
  position?: Position
}

/** A fenced div that is no figure, kept for its id (a link target); its blocks are as they were. */
export interface Division extends Node {
  type: 'division'
  identifier: string
  children: BlockContent[]
}

/** A GFM table with a `: Caption {#tbl-id}` paragraph before or after it. */
export interface TableFigure extends Node {
  type: 'tableFigure'
  identifier: string
  number: number
  children: [Caption, Table]
}

/**
 * TeX as MathML, decided once in transform/math.ts: temml's MathML Core
 * (a `<math>` element, as text) that each emitter parses into its own tree.
 */
export interface Formula {
  mathml: string
  /** `$$…$$`: set as a display formula even in the middle of a sentence, as Pandoc does. */
  display: boolean
}

/**
 * A paragraph holding only `$$…$$`, optionally with `{#eq-id}` after it
 * (Quarto's syntax): a display equation, numbered when it has an id.
 */
export interface Equation extends Node {
  type: 'equation'
  /** The TeX as written. */
  value: string
  identifier?: string
  number?: number
  data: Formula
}

/** A footnote that the text refers to, numbered once for every output. */
export interface Footnote {
  /** The `[^label]` identifier, normalised as mdast has it. */
  identifier: string
  /** 1-based, in order of first reference. */
  number: number
  /** Id for links and JATS `fn/@id`: "fn1", "fn2", … */
  id: string
  definition: FootnoteDefinition
}

/** Pandoc's `H~2~O` and `10^6^`. */
export interface Subscript extends Node {
  type: 'subscript'
  children: PhrasingContent[]
}
export interface Superscript extends Node {
  type: 'superscript'
  children: PhrasingContent[]
}

/**
 * Pandoc's bracketed span, `[text]{.smallcaps}` (transform/spans.ts): the
 * classes the outputs set (`smallcaps`, `underline`, `mark`), the id a
 * link target in the HTML; other attributes are reported and not carried.
 */
export interface Span extends Node {
  type: 'span'
  identifier?: string
  classes: string[]
  children: PhrasingContent[]
}

/** Pandoc's line block (`| line`), one `line` per line (transform/line-blocks.ts). */
export interface LineBlock extends Node {
  type: 'lineBlock'
  children: Line[]
}
export interface Line extends Node {
  type: 'line'
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    span: Span
    supplementaryLink: SupplementaryLink
    citation: Citation
    crossReference: CrossReference
    subscript: Subscript
    superscript: Superscript
  }
  interface RootContentMap {
    span: Span
    lineBlock: LineBlock
    line: Line
    supplementaryLink: SupplementaryLink
    caption: Caption
    citation: Citation
    crossReference: CrossReference
    subscript: Subscript
    superscript: Superscript
    figure: Figure
    figureGroup: FigureGroup
    division: Division
    tableFigure: TableFigure
    equation: Equation
  }
  interface BlockContentMap {
    lineBlock: LineBlock
    figure: Figure
    figureGroup: FigureGroup
    division: Division
    tableFigure: TableFigure
    equation: Equation
  }
}

declare module 'mdast' {
  /** Read off Pandoc's `{#id .class}` after the heading's text (transform/heading-attributes.ts). */
  interface HeadingData {
    id?: string
    classes?: string[]
    /** `key=value` pairs of the block, as written. */
    values?: Record<string, string>
    /** Set on a declaration's heading by transform/declarations.ts until the section leaves the tree. */
    declaration?: DeclarationKind
  }
}

/** What a declaration section is, decided once from its heading (transform/declarations.ts). */
export type DeclarationKind =
  | 'acknowledgements' | 'conflicts' | 'funding' | 'data-availability'
  | 'ethics' | 'consent' | 'contributions' | 'appendix'

/** A section moved out of the body into the back matter: the heading's kind and what follows it. */
export interface Declaration {
  kind: DeclarationKind
  /** The heading as written; an appendix keeps it as its title, the others print the template's word. */
  title: PhrasingContent[]
  /** Id for HTML and JATS: the heading's `{#id}`, else one made from the kind ("ack", "data-availability", "app1"). */
  id: string
  children: RootContent[]
  position?: Position
}

declare module 'mdast' {
  /** An inline image's file, copied flat beside the outputs as figures are (transform/figures.ts); its `url` names the copy. */
  interface ImageData {
    copy?: { from: string; to: string }
    /** Read off `{#id width=… height=…}` after an inline image (transform/inline-attributes.ts); the sizes are CSS lengths. */
    id?: string
    width?: string
    height?: string
  }
  /** Read off `{#id}` after a link (transform/inline-attributes.ts). */
  interface LinkData {
    id?: string
  }
  /** Read off a fence's `{.lang #id}` (transform/code-attributes.ts). */
  interface CodeData {
    id?: string
  }
}

declare module 'mdast-util-math' {
  /** Set by transform/math.ts on every formula that reaches an emitter. */
  interface InlineMathData extends Partial<Formula> {}
  interface MathData extends Partial<Formula> {}
}

// ---------------------------------------------------------------------------
// Front matter, normalised (Quarto's scholarly shape, see README)

export interface Affiliation {
  id: string
  department?: string
  name: string
  city?: string
  country?: string
  /** ISO 3166-1 alpha-2, derived from `country` or given as `country-code`. */
  countryCode?: string
  /** The mark tying authors to it ("a"), set by the transform stage when marks are needed. */
  label?: string
}

/** "455", "462", "455–462": a range with its last page in full, or one page. */
export interface PageRange {
  first: string
  /** In full ("462", never "62"); absent for a single page. */
  last?: string
  /** As printed: "455–462" with an en dash, or the single page. */
  display: string
}

export interface Author {
  given: string
  family: string
  email?: string
  /** Full https://orcid.org/… URI. */
  orcid?: string
  corresponding: boolean
  /** Ids into `ArticleMetadata.affiliations`. */
  affiliations: string[]
  /** Quarto's `roles`, CRediT terms where they are one; absent when none are given. */
  roles?: Role[]
}

/** One contribution of an author: a CRediT term, or a role of the author's own words. */
export interface Role {
  /** As printed: the CRediT term's name ("Writing – original draft"), else the words written. */
  name: string
  /** The CRediT term's slug ("writing-original-draft"), when the role is one. */
  credit?: string
  /** CRediT's degree of contribution. */
  degree?: 'lead' | 'supporting' | 'equal'
}

/** `copyright`: a holder and year, or (Quarto's statement-only form) just the statement. */
export interface Copyright {
  holder?: string
  year?: number
  statement: string
}

/** One award of a funding group (Quarto's `funding.awards`). */
export interface FundingAward {
  id?: string
  name?: string
  description?: string
  sources: FundingSource[]
  recipients: string[]
  investigators: string[]
}

/** A funder, with the identifiers JATS4R asks for when they are known. */
export interface FundingSource {
  name: string
  /** https://ror.org/… */
  ror?: string
  /** Crossref Funder Registry DOI, https://doi.org/10.13039/… */
  doi?: string
}

/** One funding group: a statement and its awards (JATS `<funding-group>`, set in back matter). */
export interface Funding {
  statement?: string
  openAccess?: string
  awards: FundingAward[]
}

export interface PartialDate {
  year: number
  month?: number
  day?: number
}

export interface License {
  /** Canonical licence URI, e.g. https://creativecommons.org/licenses/by/4.0/ */
  url?: string
  text: string
}

/** A title as plain text (meta tags, PDF) and as inline Markdown (`*Candida auris*`). */
export interface Title {
  title: string
  markup: PhrasingContent[]
}

/** The front matter, read and normalised; its type is inferred from the schema entries in metadata/front-matter.ts. */
import type { ArticleMetadata } from './metadata/front-matter.ts'
export type { ArticleMetadata }

// ---------------------------------------------------------------------------
// Bibliography, resolved once for every output

/** A CSL-JSON item as citation-js produces it. */
export interface CslName {
  family?: string
  given?: string
  literal?: string
}
export interface CslItem {
  id: string
  type: string
  title?: string
  'container-title'?: string
  'container-title-short'?: string
  author?: CslName[]
  editor?: CslName[]
  issued?: { 'date-parts'?: Array<Array<number | string>>; literal?: string }
  volume?: string | number
  issue?: string | number
  page?: string
  publisher?: string
  'publisher-place'?: string
  DOI?: string
  PMID?: string
  PMCID?: string
  URL?: string
  [key: string]: unknown
}

export interface Reference {
  /** Citation key as used in the manuscript. */
  key: string
  /** 1-based number in order of first citation. */
  number: number
  /** Stable id for links and JATS `ref/@id`: "B1", "B2", … */
  id: string
  csl: CslItem
  /** `csl.page` expanded ("455-62" → 455 to 462), for every output's fields. */
  pages?: PageRange
  /** An article number written as the page (`e00120-20`): the work's `<elocation-id>`, never split into pages. */
  elocationId?: string
  /** Fields that carry inline markup (an italic species name in a title), as phrasing; `csl` has their plain text. */
  markup: Partial<Record<RichField, PhrasingContent[]>>
  /** The entry as the CSL style formats it, as hast (no number prefix). */
  formatted: ElementContent[]
}

// ---------------------------------------------------------------------------
// Templates

/** The words an output prints, in one language. */
export interface Words {
  figure: string          // in-text reference, "Fig."
  figureLabel: string     // figure label, "Figure"
  table: string           // "Table"
  references: string      // "References" / "Bibliografía"
  correspondence: string  // "Corresponding author"
  and: string             // "and" for narrative citations, "y"
  etAl: string            // "et al."
  abstract: string        // "Abstract" / "Resumen"
  keywords: string        // "Keywords" / "Palabras clave"
  equation: string        // in-text reference, "Eq."
  section: string         // in-text reference to a section, "Section" / "Sección"
  footnotes: string       // heading of the notes, "Footnotes" / "Notas"
  backToReference: string // a note's link back to the text, "Back to reference" (+ " 1")
  acknowledgements: string // "Acknowledgements" / "Agradecimientos"
  conflicts: string       // "Conflicts of interest" / "Conflicto de intereses"
  funding: string         // "Funding" / "Financiación"
  dataAvailability: string // "Data availability"
  ethics: string          // "Ethics statement" / "Responsabilidades éticas"
  consent: string         // "Patient consent" / "Consentimiento informado"
  contributions: string   // "Author contributions"; also the heading of the roles note
  appendix: string        // "Appendix" / "Apéndice", when an appendix has no title of its own
  supplementary: string   // heading of the list of linked files, "Supplementary material"
}

export interface Journal {
  title: string
  abbreviation: string
  issnPrint?: string
  issnElectronic?: string
  publisher: string
  languages: string[]
  doiPrefix?: string
  license?: License
  /** Who holds the copyright of what the journal publishes, unless the manuscript says. */
  copyrightHolder?: string
}

export interface CitationLook {
  /** superscript¹ or bracketed [1]. */
  style: 'superscript' | 'bracket'
  /** Whether the number goes after adjacent punctuation ("scarce.¹") or before ("scarce [1]."). */
  placement: 'after-punctuation' | 'before-punctuation'
}

export interface Template {
  name: string
  /** Absolute path of the template folder. */
  dir: string
  journal: Journal
  /** Style name citation-js knows, or absolute path of a .csl file. */
  csl: string
  citation: CitationLook
  /** Absolute paths of CSS files, in cascade order. */
  css: { screen: string[]; print: string[] }
  /** Words by language; falls back to the first journal language, then 'en'. */
  words: Record<string, Words>
}

// ---------------------------------------------------------------------------
// What every emitter receives

export interface Article {
  /** The manuscript, for diagnostics and paths. */
  file: VFile
  /** Transformed mdast: citations, cross-references and figures resolved. */
  tree: Root
  meta: ArticleMetadata
  /** Cited works, ordered by number. */
  references: Reference[]
  /** Footnotes referred to, ordered by number. */
  footnotes: Footnote[]
  /** Acknowledgements, statements and appendices, moved out of `tree` in manuscript order. */
  declarations: Declaration[]
  /** Files the manuscript links to, copied beside the outputs, in order of first link. */
  supplementary: SupplementaryFile[]
  template: Template
  /** Words in the article's language. */
  words: Words
}
