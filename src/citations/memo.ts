/**
 * Results kept by the content they were computed from, for watch mode and
 * batch builds: a one-word edit, or the next manuscript of an issue, must not
 * pay again for parsing an unchanged bibliography or for the CSL processor
 * formatting the same works (citeproc is most of a warm `prepare`).
 *
 * Callers get a deep copy, so a tree they change is never the kept one. The
 * oldest result goes first once `limit` are kept.
 */
export class ContentMemo<V> {
  private readonly kept = new Map<string, V>()

  constructor(private readonly limit: number) {}

  /** The kept result for `key`, or `compute()`'s, kept when `keep(result)` says so. */
  get(key: string, compute: () => V, keep: (value: V) => boolean = () => true): V {
    const hit = this.kept.get(key)
    if (hit !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.kept.delete(key)
      this.kept.set(key, hit)
      return structuredClone(hit)
    }
    const value = compute()
    if (keep(value)) {
      this.kept.set(key, structuredClone(value))
      if (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value!)
    }
    return value
  }
}
