/**
 * The set of manuscripts a batch build is given: files and folders on the
 * command line, a deterministic share of them (`--shard i/n`), and the
 * output folder each one gets.
 */
import fs from 'node:fs'
import path from 'node:path'

/** Folders a search for manuscripts does not enter. */
const SKIPPED = new Set(['node_modules', 'output'])

/**
 * Manuscripts named by `args`, absolute, sorted, each once: a `.md` file as
 * given; a folder, every `.md` file in it and its subfolders (not README.md,
 * nor in hidden folders, node_modules or output).
 */
export function findManuscripts(args: readonly string[], cwd: string): { manuscripts: string[]; missing: string[] } {
  const found = new Set<string>()
  const missing: string[] = []
  const search = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED.has(entry.name)) search(full)
      } else if (entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') found.add(full)
    }
  }
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg)
    const stat = fs.statSync(absolute, { throwIfNoEntry: false })
    if (stat?.isDirectory()) search(absolute)
    else if (stat) found.add(absolute)
    else missing.push(arg)
  }
  return { manuscripts: [...found].sort(), missing }
}

export interface Shard {
  /** 1-based, as GitHub Actions' matrix counts. */
  index: number
  count: number
}

/** `"2/4"` → { index: 2, count: 4 }, or why not. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) return `--shard takes i/n with 1 ≤ i ≤ n (e.g. 1/4), not "${text}"`
  return { index, count }
}

/**
 * The manuscripts shard `index` of `count` builds: every count-th of the
 * sorted list, starting at the index-th. Every machine sorts the same paths
 * the same way, so the shards of one set are disjoint, cover it, and differ
 * in size by at most one.
 */
export function shardOf<T extends string>(manuscripts: readonly T[], { index, count }: Shard): T[] {
  return [...manuscripts].sort(byCodePoint).filter((_, position) => position % count === index - 1)
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Each manuscript's output folder under `outRoot`: its folder relative to the
 * folder all of them share (`a/letter.md` → `output/a/`), with the file name
 * added where a folder holds more than one of them (`x.md`, `y.md` →
 * `output/x/`, `output/y/`). Never the same folder for two manuscripts.
 */
export function outputFolders(manuscripts: readonly string[], outRoot: string): Map<string, string> {
  const dirs = manuscripts.map((file) => path.dirname(file))
  let base = dirs[0] ?? ''
  for (const dir of dirs) while (base !== path.dirname(base) && path.relative(base, dir).startsWith('..')) base = path.dirname(base)
  const perFolder = new Map<string, number>()
  for (const dir of dirs) perFolder.set(dir, (perFolder.get(dir) ?? 0) + 1)
  const short = (file: string) => {
    const relative = path.relative(base, path.dirname(file))
    return perFolder.get(path.dirname(file)) === 1 && relative !== '' ? relative : path.join(relative, path.parse(file).name)
  }
  // `a/letter.md` beside `a.md`: both would be `a/`, so every one keeps its file name.
  const names = manuscripts.map(short)
  const clash = new Set(names).size < names.length
  return new Map(manuscripts.map((file, index) => [
    file, path.join(outRoot, clash ? path.join(path.relative(base, path.dirname(file)), path.parse(file).name) : names[index]),
  ]))
}
