/**
 * MECA's manifest.xml: one item per file of the package but the manifest
 * itself, each with its MECA item type and its media type, pointing at the
 * file by its path in the zip.
 */
import type { Doctype, Root } from 'xast'
import { x } from 'xastscript'
import { xmlDocument } from '../jats/index.ts'

export const MANIFEST_PATH = 'manifest.xml'

export const MANIFEST_DOCTYPE: Doctype = {
  type: 'doctype',
  name: 'manifest',
  public: '-//MECA//DTD Manifest v1.0//en',
  system: 'https://meca.zip/manifest-1.0.dtd',
}

/** Element-only content models of the manifest DTD, where indentation may go. */
export const MANIFEST_ELEMENT_ONLY: ReadonlySet<string> = new Set(['manifest', 'item', 'item-metadata'])

/** The MECA 1.0 item types Galley writes. */
export type ItemType = 'article-metadata' | 'manuscript' | 'article-supporting-file' | 'transfer-metadata'

export interface PackageFile {
  /** Its path inside the zip, with `/` between folders. */
  path: string
  itemType: ItemType
  /** Without parameters: `application/xml`, not `application/xml; charset=utf-8`. */
  mediaType: string
  bytes: Uint8Array
}

export function toManifest(files: readonly PackageFile[]): Root {
  return xmlDocument(MANIFEST_DOCTYPE, x('manifest', {
    xmlns: 'https://manuscriptexchange.org/schema/manifest',
    'xmlns:xlink': 'http://www.w3.org/1999/xlink',
    'manifest-version': '1',
  }, files.map((file) => x('item', { 'item-type': file.itemType },
    x('instance', { 'media-type': file.mediaType, 'xlink:href': hrefOf(file.path) })))))
}

/** A path in the zip as the URI reference `xlink:href` takes: each segment percent-encoded, as figure hrefs are. */
export function hrefOf(zipPath: string): string {
  return zipPath.split('/').map(encodeURIComponent).join('/')
}
