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
import { isInside } from '../prepare/contained.ts'

export interface Asset {
  /** Absolute path on disk. */
  from: string
  /** Path relative to letter.html. */
  to: string
}

export const ASSET_DIR = 'assets'

const URL_REFERENCE = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g
/** Loaded by the browser as they are: web addresses, inline data, fragments. Anything else is a file in the template. */
const EXTERNAL = /^(?:https?:|data:|#)/i

/** A `url()` target in a CSS file, and the file it names when it names one (`undefined` for web and data URLs). */
export interface CssUrl {
  target: string
  file?: string
}

export function cssUrls(cssFile: string, css: string): CssUrl[] {
  return [...css.matchAll(URL_REFERENCE)].map(([, , target]) =>
    ({ target, file: EXTERNAL.test(target) ? undefined : path.resolve(path.dirname(cssFile), target.split(/[?#]/)[0]) }))
}

/**
 * `dir` is the template's folder: the loader has refused any `url()` outside
 * it, so one here is a Galley bug, not a way out. `<` is escaped (`\3c `,
 * the same character to CSS) so no text can close the `<style>`.
 */
export function inlineStyles(files: readonly string[], dir: string, media?: string): { styles: Element[]; assets: Asset[] } {
  const assets: Asset[] = []
  const styles = files.map((file) => {
    const css = readFileSync(file, 'utf8').replace(URL_REFERENCE, (whole, _quote, target: string) => {
      const [{ file: from }] = cssUrls(file, whole)
      if (!from) return whole
      if (!isInside(from, dir)) throw new Error(`${file}: url(${target}) is outside the template folder ${dir}`)
      const to = `${ASSET_DIR}/${path.basename(from)}`
      assets.push({ from, to })
      return `url("${to}")`
    })
    return h('style', media ? { media } : {}, css.replace(/</g, '\\3c '))
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

/**
 * A CSS string literal, safe inside a <style> element: quotes and
 * backslashes escaped, and every control character (\0, \n, \r, \f …),
 * `<` and `>` written as a hex escape, so no value can end the string, the
 * rule or the element. NUL, which CSS cannot carry, becomes U+FFFD as CSS itself reads it.
 */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/[\u0000-\u001f\u007f-\u009f<>]/g, (char) =>
    `\\${(char === '\u0000' ? 0xfffd : char.codePointAt(0)!).toString(16)} `)}"`
}
