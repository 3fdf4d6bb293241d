/** The DOCTYPE of every JATS document Galley writes, on its own: the validator thread loads its DTD without the emitter. */
import type { Doctype } from 'xast'

/**
 * The MathML 3 variant of Journal Publishing 1.3, for every article: temml
 * writes MathML 3 (Core), which the plain DTD's MathML 2 does not allow, and
 * one doctype means adding a first formula never changes what an archive or
 * PMC receives. It is the plain DTD with MathML 3 swapped in.
 */
export const JATS_DOCTYPE: Doctype = {
  type: 'doctype',
  name: 'article',
  public: '-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with MathML3 v1.3 20210610//EN',
  system: 'https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3-mathml3.dtd',
}
