/**
 * The template's CSS, inlined as <style> elements so letter.html stands alone
 * apart from its fonts and figures. `url(...)` references are resolved
 * against the CSS file and rewritten to `assets/{basename}`; the files behind
 * them are returned for the caller to copy.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Element } from 'hast'
import { h } from 'hastscript'

export interface Asset {
  /** Absolute path on disk. */
  from: string
  /** Path relative to letter.html. */
  to: string
}

export const ASSET_DIR = 'assets'

const URL_REFERENCE = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|#|\/)/i

export function inlineStyles(files: readonly string[], media?: string): { styles: Element[]; assets: Asset[] } {
  const assets: Asset[] = []
  const styles = files.map((file) => {
    const css = readFileSync(file, 'utf8').replace(URL_REFERENCE, (whole, _quote, target: string) => {
      if (EXTERNAL.test(target)) return whole
      const from = path.resolve(path.dirname(file), target.split(/[?#]/)[0])
      const to = `${ASSET_DIR}/${path.basename(from)}`
      assets.push({ from, to })
      return `url("${to}")`
    })
    return h('style', media ? { media } : {}, css)
  })
  return { styles, assets }
}

/** One entry per target; two different files claiming one target is an error. */
export function uniqueAssets(assets: readonly Asset[]): Asset[] {
  const byTarget = new Map<string, Asset>()
  for (const asset of assets) {
    const known = byTarget.get(asset.to)
    if (known && known.from !== asset.from) {
      throw new Error(`Two files would be copied to ${asset.to}: ${known.from} and ${asset.from}`)
    }
    byTarget.set(asset.to, asset)
  }
  return [...byTarget.values()]
}

/** A CSS string literal, safe inside a <style> element. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\a ').replace(/</g, '\\3c ')}"`
}
