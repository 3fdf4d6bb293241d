/**
 * Every finding Galley reports, in one place: its rule id, its severity and
 * what it means. `error()` and `warn()` accept only these ids, and a test
 * checks that the README's table lists each one.
 */
export type Severity = 'error' | 'warning'

export interface Rule {
  severity: Severity
  description: string
}

export const RULES = {
  'manuscript-missing': { severity: 'error', description: 'the manuscript cannot be read' },
  'manuscript-encoding': { severity: 'warning', description: 'the manuscript is not valid UTF-8 (the bad bytes print as U+FFFD), or it or its bibliography holds control characters or noncharacters no output can carry (each reads as a space)' },
  'nesting-too-deep': { severity: 'error', description: 'block quotes, lists or inline markup nested deeper than Galley reads' },
  'front-matter-missing': { severity: 'error', description: 'the front matter is absent, or a required key is missing' },
  'front-matter-type': { severity: 'error', description: 'a front matter value has the wrong type or shape' },
  'front-matter-empty': { severity: 'error', description: 'a front matter value that must say something is empty (`title: ""`, `author: []`)' },
  'front-matter-yaml': { severity: 'error', description: 'the front matter is not valid YAML' },
  'front-matter-affiliation': { severity: 'error', description: 'an author names an affiliation that `affiliations` does not define' },
  'front-matter-authors-differ': { severity: 'warning', description: '`author` and `authors` name different people' },
  'front-matter-unknown-key': { severity: 'warning', description: 'a front matter key Galley does not know (with a suggestion)' },
  'author-role-unknown': { severity: 'warning', description: 'an author\'s role that is none of CRediT\'s 14 terms (kept as written, with the nearest term)' },
  'heading-id': { severity: 'warning', description: 'a heading\'s `{#id}` that is no XML ID, repeats an earlier heading\'s, or is a figure\'s or one Galley gives its own elements (the section is set without it)' },
  'declaration-consent-missing': { severity: 'warning', description: 'a case report (`article-type: case-report`) without a patient consent statement' },
  'citation-unknown': { severity: 'error', description: 'a cited key is not in the bibliography (with a suggestion)' },
  'citation-syntax': { severity: 'error', description: 'a citation cluster that cannot be read' },
  'citations-too-many': { severity: 'error', description: 'a reference list of more than 5,000 works, or more than 500 keys in one citation' },
  'citation-uncited': { severity: 'warning', description: 'a bibliography entry is never cited (points into the bibliography)' },
  'bibliography-parse': { severity: 'error', description: 'the bibliography file does not parse' },
  'bibliography-duplicate-key': { severity: 'error', description: 'the bibliography defines a key twice' },
  'bibliography-missing': { severity: 'error', description: 'the bibliography file is missing, or the manuscript cites works without one' },
  'bibliography-format': { severity: 'error', description: 'the bibliography is neither BibTeX nor CSL-JSON' },
  'reference-identifier': { severity: 'error', description: 'a `@doi:`, `@pmid:` or `@pmcid:` key, or a bibliography `DOI`/`PMID`/`PMCID`, that is not a well-formed identifier' },
  'reference-unresolved': { severity: 'error', description: 'an identifier with no record in `references.lock.json` (run `galley refs`)' },
  'reference-not-found': { severity: 'error', description: 'the service knows no work with that identifier' },
  'reference-service': { severity: 'error', description: 'the service timed out, refused, or answered 429/5xx after retries' },
  'reference-invalid-response': { severity: 'error', description: 'the service answered with something that is not a CSL-JSON record' },
  'reference-lock': { severity: 'error', description: '`references.lock.json` does not parse, or a record does not match its hash' },
  'reference-duplicate': { severity: 'warning', description: 'a work cited by identifier that a bibliography entry also lists (it would be numbered twice)' },
  'reference-mismatch': { severity: 'warning', description: '`galley refs --check`: a bibliography entry disagrees with the record its DOI or PMID resolves to' },
  'file-outside-folder': { severity: 'error', description: 'a file the manuscript or template names lies outside its folder (after symlinks)' },
  'file-not-regular': { severity: 'error', description: 'a file the manuscript or template names is a directory, device, pipe or socket' },
  'file-too-large': { severity: 'error', description: 'a file the manuscript names is over Galley\'s size limit for its kind' },
  'image-format': { severity: 'error', description: 'an image whose bytes are not the PNG, JPEG, GIF, WebP or SVG its name says, or an SVG with a script, event handler or outside reference' },
  'url-malformed': { severity: 'error', description: 'a file URL with a bad percent-escape (`figures/%ZZ.png`)' },
  'url-scheme': { severity: 'warning', description: 'a link, image, reference `url` or licence URL whose scheme no output carries (javascript:, data:, file: …): dropped, its text kept' },
  'figure-missing-file': { severity: 'error', description: 'an image file that is not there' },
  'figure-duplicate-id': { severity: 'error', description: 'a figure, table or equation id used twice' },
  'section-duplicate-id': { severity: 'error', description: 'a heading\'s `{#sec-…}` id used by an earlier heading (`@sec-…` could not tell them apart)' },
  'pmc-style': { severity: 'warning', description: 'an article placed in an issue that PubMed Central\'s Style Checker would bounce: no heading, no pages or article number, no copyright or licence, a figure or table without a caption' },
  'math-tex': { severity: 'error', description: 'TeX in `$…$` or `$$…$$` that temml cannot read' },
  'figure-name-clash': { severity: 'error', description: 'two different image files with one file name' },
  'xref-unknown': { severity: 'error', description: '`@fig-x` / `@tbl-x` / `@eq-x` / `@sec-x` naming no figure, table, equation or section (with the ids there are)' },
  'figure-alt-missing': { severity: 'warning', description: 'a figure without alt text (`fig-alt`)' },
  'figure-id': { severity: 'warning', description: 'an image id without the `fig-` prefix' },
  'table-id': { severity: 'warning', description: 'a table caption without `{#tbl-…}`' },
  'equation-id': { severity: 'warning', description: 'an equation id without the `eq-` prefix' },
  'div-unused': { severity: 'warning', description: 'a fenced div\'s classes or attributes that no output uses (`::: {.callout-note}`): its content is kept' },
  'span-unused': { severity: 'warning', description: 'a bracketed span\'s classes or attributes that no output uses (`[text]{.smallcaps}`, `.underline`, `.mark` and an id are carried): its text is kept' },
  'attribute-unused': { severity: 'warning', description: 'a link\'s, image\'s, code\'s or figure\'s `{…}` classes or attributes that no output uses (an id, an inline image\'s `width=` and `height=`, a figure\'s `fig-alt=`, are carried): the element is kept' },
  'inline-id': { severity: 'warning', description: 'a span\'s, link\'s or image\'s `{#id}` that is no XML ID, repeats another element\'s, or is one Galley gives its own elements (the element is set without it)' },
  'div-unclosed': { severity: 'warning', description: 'a `:::` fence read as text: a div without its closing fence, or a fence with no blank line before it' },
  'supplementary-file': { severity: 'warning', description: 'a link to a local file that cannot be copied beside the outputs (missing, outside the manuscript\'s folder, not a regular file, too large, or named like an output): the link is dead there' },
  'image-missing': { severity: 'warning', description: 'an inline image whose file is not there: it shows as a broken image' },
  'figure-panel': { severity: 'warning', description: 'content in a figure div other than its images and last-paragraph caption: set after the figure' },
  'html-dropped': { severity: 'warning', description: 'raw HTML, which no output carries' },
  'raw-dropped': { severity: 'warning', description: 'a raw block or inline for a format Galley does not write (```{=latex}, `x`{=latex}), or LaTeX in the text (\\newpage, \\cite{x}): left out of every output, as Pandoc leaves it out of HTML' },
  'code-cell': { severity: 'warning', description: 'a Quarto code cell (```{r}): Galley runs no code, so it is set as its source, without its results' },
  'table-unsupported': { severity: 'warning', description: 'a Pandoc simple, multiline or grid table, which Galley does not read (it reads pipe tables): its rows come out as paragraphs; rewrite it as a pipe table' },
  'shortcode-unsupported': { severity: 'warning', description: 'a Quarto shortcode (`{{< meta title >}}`, var, include …), which Galley does not expand: printed as written; a paragraph of `{{< pagebreak >}}` is left out (the template sets the pages)' },
  'csl-unknown': { severity: 'error', description: 'the `csl:` style is not one Galley knows' },
  'csl-missing': { severity: 'error', description: 'the `csl:` file is not there' },
  'csl-invalid': { severity: 'error', description: 'the `csl:` file is not a usable CSL style' },
  'template-missing': { severity: 'error', description: 'the template named does not exist' },
  'template-yaml': { severity: 'error', description: 'the template\'s `template.yaml` is not valid YAML' },
  'template-type': { severity: 'error', description: 'a `template.yaml` value has the wrong type or shape' },
  'template-missing-key': { severity: 'error', description: 'a required `template.yaml` key is missing' },
  'template-unknown-key': { severity: 'warning', description: 'a `template.yaml` key Galley does not know' },
  'template-issn-missing': { severity: 'error', description: 'the journal has neither `issn-print` nor `issn-electronic`' },
  'template-missing-file': { severity: 'error', description: 'a file the template names is not in its folder' },
  'template-invalid-file': { severity: 'error', description: 'a file the template names is not usable' },
  'template-csl-unknown': { severity: 'error', description: 'the template\'s CSL style is unknown' },
  'lang-words-missing': { severity: 'warning', description: 'the article\'s `lang` is one Galley and the template have no words or CSL locale for: English ones are printed' },
  'template-words-missing': { severity: 'warning', description: 'the template lacks words for a language the journal publishes in' },
  'template-glyph-missing': { severity: 'warning', description: 'the manuscript has a character that no font of the template can draw' },
  'node-unsupported': { severity: 'warning', description: 'a Markdown construct an output has no handler for: its text is kept, its markup lost (a Galley gap: report it)' },
  'jats-link-content': { severity: 'warning', description: 'an image, formula or citation inside a link: JATS links hold only text, so the JATS sets it beside the link, unlinked' },
  'jats-invalid': { severity: 'error', description: 'the generated JATS fails the DTD (a Galley or template bug: report it)' },
  'meca-invalid': { severity: 'error', description: 'the generated MECA package\'s manifest or transfer file fails the MECA 1.0 DTD, or its manifest and its files disagree (a Galley bug: report it)' },
  'build-failed': { severity: 'error', description: 'an output could not be made (for example, no browser)' },
} as const satisfies Record<string, Rule>

export type RuleId = keyof typeof RULES
type RulesOf<S extends Severity> = { [Id in RuleId]: (typeof RULES)[Id]['severity'] extends S ? Id : never }[RuleId]
export type ErrorRule = RulesOf<'error'>
export type WarningRule = RulesOf<'warning'>
