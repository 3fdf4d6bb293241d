/**
 * The files a build read, so watch mode knows what to watch: the manuscript,
 * its bibliography, references.lock.json, every file the outputs carry (figures,
 * subfigures, inline images, supplementary files), the CSL file, and the whole
 * template folder (CSS, fonts, template.yaml, locales).
 */
import path from 'node:path'
import { figureFiles } from '../outputs/figure-files.ts'
import type { Prepared } from '../prepare/article.ts'
import { lockPathFor } from '../references/lock.ts'

export interface Sources {
  /** Absolute paths of single files. */
  files: string[]
  /** Absolute paths of folders watched with everything inside. */
  folders: string[]
}

export function sourcesOf(prepared: Prepared, manuscript: string, previous?: Sources): Sources {
  const cwd = prepared.files[0]?.cwd ?? process.cwd()
  const { article } = prepared
  if (article) {
    const style = article.meta.csl ?? article.template.csl
    // The outputs' own list, so a file they copy is always one that rebuilds them.
    const figures = figureFiles(article).map((file) => file.from)
    return tidy({
      // The lock too: `galley refs --update` in another terminal rebuilds.
      files: [manuscript, ...article.meta.bibliography, lockPathFor(path.resolve(cwd, manuscript)), ...figures, ...(/\.csl$/i.test(style) ? [style] : [])],
      folders: [article.template.dir],
    }, cwd)
  }
  // No article: we cannot know what the manuscript will read once fixed, so
  // keep what we watched, and add the files findings point into (a missing
  // bibliography, template.yaml) and the images the text names, so creating
  // a missing file rebuilds.
  return tidy({
    files: [
      manuscript,
      ...(previous?.files ?? []),
      ...prepared.files.flatMap((file) => (file.path ? [file.path] : [])),
      ...imagesNamedIn(String(prepared.files[0]?.value ?? ''), path.dirname(path.resolve(cwd, manuscript))),
    ],
    folders: previous?.folders ?? [],
  }, cwd)
}

/** `![caption](figures/x.png)` targets, read loosely: only used while the manuscript is broken. */
function imagesNamedIn(markdown: string, baseDir: string): string[] {
  return [...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)]
    .map((match) => match[1])
    .filter((url) => !/^[a-z][a-z0-9+.-]*:/i.test(url))
    .map((url) => path.resolve(baseDir, safeDecode(url)))
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}

function tidy(sources: Sources, cwd: string): Sources {
  const folders = [...new Set(sources.folders.map((folder) => path.resolve(cwd, folder)))].sort()
  const files = [...new Set(sources.files.map((file) => path.resolve(cwd, file)))]
    .filter((file) => !folders.some((folder) => isInside(file, folder)))
    .sort()
  return { files, folders }
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file)
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}

/** Differences between two watch sets, as chokidar add/unwatch lists. */
export function diffSources(before: Sources, after: Sources): { added: string[]; removed: string[] } {
  const all = (sources: Sources) => [...sources.files, ...sources.folders]
  const old = new Set(all(before))
  const next = new Set(all(after))
  return { added: [...next].filter((p) => !old.has(p)), removed: [...old].filter((p) => !next.has(p)) }
}
