/**
 * The MECA package of an article, from outputs already staged: the JATS as
 * the article's metadata, the PDF as the manuscript, the files the JATS
 * carries (its figures) under the paths its hrefs name, transfer.xml and
 * the manifest listing all of them. Files are read back from staging, so
 * the zip holds the very bytes the build writes.
 */
import fs from 'node:fs'
import path from 'node:path'
import { mimeSubtype } from '../jats/body.ts'
import { serializeXml } from '../jats/index.ts'
import type { CopiedFile } from '../outputs/figure-files.ts'
import type { Article } from '../types.ts'
import { MANIFEST_ELEMENT_ONLY, MANIFEST_PATH, toManifest, type PackageFile } from './manifest.ts'
import { toTransfer, TRANSFER_ELEMENT_ONLY, TRANSFER_PATH } from './transfer.ts'
import { zipEntries } from './zip.ts'

export interface StagedOutput {
  /** Absolute path of the staged file. */
  file: string
  mediaType: string
}

export interface PackageSources {
  article: StagedOutput
  manuscript: StagedOutput
  /** The files staged beside the article, by their paths relative to it. */
  supporting: readonly CopiedFile[]
}

export function mecaPackage(article: Article, sources: PackageSources): Uint8Array {
  const encoder = new TextEncoder()
  const staging = path.dirname(sources.article.file)
  // A supplementary file's media type was decided when it was linked; the rest are images.
  const supplementaryTypes = new Map(article.supplementary.map((file) => [path.normalize(file.to), file.mediaType]))
  const files: PackageFile[] = [
    staged(sources.article, 'article-metadata'),
    staged(sources.manuscript, 'manuscript'),
    ...sources.supporting.map((asset): PackageFile => ({
      path: asset.to.split(path.sep).join('/'),
      itemType: 'article-supporting-file',
      mediaType: supplementaryTypes.get(path.normalize(asset.to)) ?? imageMediaType(asset.to),
      bytes: fs.readFileSync(path.join(staging, asset.to)),
    })),
    {
      path: TRANSFER_PATH,
      itemType: 'transfer-metadata',
      mediaType: 'application/xml',
      bytes: encoder.encode(serializeXml(toTransfer(article.template.journal), TRANSFER_ELEMENT_ONLY)),
    },
  ]
  const manifest = encoder.encode(serializeXml(toManifest(files), MANIFEST_ELEMENT_ONLY))
  return zipEntries([{ path: MANIFEST_PATH, bytes: manifest }, ...files], MANIFEST_PATH, article.meta.date)
}

/** Names MECA gives its own files at the package's root: a manuscript called transfer.md would otherwise overwrite one. */
const RESERVED = new Set([MANIFEST_PATH, TRANSFER_PATH, 'directives.xml', 'reviews.xml'])

function staged(output: StagedOutput, itemType: PackageFile['itemType']): PackageFile {
  const name = path.basename(output.file)
  return {
    // Still at the root, beside the figures its hrefs name.
    path: RESERVED.has(name) ? `article${path.extname(name)}` : name,
    itemType,
    mediaType: output.mediaType.split(';')[0].trim(),
    bytes: fs.readFileSync(output.file),
  }
}

function imageMediaType(file: string): string {
  const subtype = mimeSubtype(file)
  return subtype ? `image/${subtype}` : 'application/octet-stream'
}
