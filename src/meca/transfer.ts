/**
 * MECA's transfer.xml, from the template's journal: where the package comes
 * from and where it goes. The destination is the journal and its publisher.
 * The DTD requires a publication at the source too; an author's package has
 * no other, so it is the journal the manuscript was set for, sent by Galley.
 *
 * The MECA 1.0 transfer DTD has no element for an ISSN: the journal's ISSNs
 * travel in the JATS `journal-meta`, which the manifest names.
 */
import type { Doctype, Element, Root } from 'xast'
import { x } from 'xastscript'
import { xmlDocument } from '../jats/index.ts'
import type { Journal } from '../types.ts'

export const TRANSFER_PATH = 'transfer.xml'

export const TRANSFER_DOCTYPE: Doctype = {
  type: 'doctype',
  name: 'transfer',
  public: '-//MECA//DTD Transfer v1.0//en',
  system: 'https://meca.zip/transfer-1.0.dtd',
}

/** Element-only content models of the transfer DTD, where indentation may go. */
export const TRANSFER_ELEMENT_ONLY: ReadonlySet<string> = new Set([
  'transfer', 'transfer-source', 'service-provider', 'contact', 'contact-name', 'publication', 'security',
  'destination', 'processing-instructions',
])

export function toTransfer(journal: Journal): Root {
  return xmlDocument(TRANSFER_DOCTYPE, x('transfer', { xmlns: 'https://manuscriptexchange.org/schema/transfer', 'transfer-version': '1.0' },
    x('transfer-source', {}, provider('Galley'), publication(journal)),
    // An empty provider is valid, and says no more than the template knows.
    x('destination', {}, provider(journal.publisher), publication(journal))))
}

function provider(name: string | undefined): Element {
  return x('service-provider', {}, name ? x('provider-name', {}, name) : undefined)
}

function publication(journal: Journal): Element {
  return x('publication', { type: 'journal' }, x('publication-title', {}, journal.title))
}
