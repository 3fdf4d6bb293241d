/**
 * One GET with a time limit, retried with exponential backoff where a retry
 * can help (a time-out, a refused connection, 429, 5xx), honouring the
 * server's Retry-After. Never throws: a failure is a value with a reason.
 */
export interface HttpSettings {
  /** Per attempt, in milliseconds. */
  timeoutMs: number
  /** Attempts in all, the first included. */
  attempts: number
  /** First backoff, doubled for each retry. */
  backoffMs: number
  /** A Retry-After longer than this is not waited for. */
  maxWaitMs: number
}

export const DEFAULT_HTTP: HttpSettings = { timeoutMs: 20_000, attempts: 4, backoffMs: 1_000, maxWaitMs: 60_000 }

export type HttpFailure = { ok: false; status?: number; reason: string; retryable: boolean }
export type HttpResult = { ok: true; status: number; contentType: string; body: string } | HttpFailure

export async function get(url: string, headers: Record<string, string>, settings: HttpSettings): Promise<HttpResult> {
  let last: HttpFailure | undefined
  for (let attempt = 1; attempt <= settings.attempts; attempt++) {
    const { result, retryAfterMs } = await once(url, headers, settings.timeoutMs)
    if (result.ok || !result.retryable) return result
    last = result
    if (attempt === settings.attempts) break
    const wait = retryAfterMs ?? settings.backoffMs * 2 ** (attempt - 1)
    if (wait > settings.maxWaitMs) {
      return { ...result, reason: `${result.reason}, and it asks to wait ${Math.ceil(wait / 1000)} s before another request`, retryable: false }
    }
    await new Promise((resolve) => setTimeout(resolve, wait))
  }
  return settings.attempts > 1 ? { ...last!, reason: `${last!.reason} (${settings.attempts} attempts)` } : last!
}

async function once(url: string, headers: Record<string, string>, timeoutMs: number): Promise<{ result: HttpResult; retryAfterMs?: number }> {
  let response: Response
  try {
    response = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) })
  } catch (cause) {
    const timedOut = (cause as Error).name === 'TimeoutError'
    const reason = timedOut ? `no answer within ${timeoutMs / 1000} s` : `cannot connect (${describe(cause)})`
    return { result: { ok: false, reason, retryable: true } }
  }
  let body: string
  try {
    body = await response.text()
  } catch (cause) {
    const timedOut = (cause as Error).name === 'TimeoutError'
    return { result: { ok: false, status: response.status, reason: timedOut ? `the answer did not finish within ${timeoutMs / 1000} s` : `the answer broke off (${describe(cause)})`, retryable: true } }
  }
  const { status } = response
  if (status >= 200 && status < 300) return { result: { ok: true, status, contentType: response.headers.get('content-type') ?? '', body } }
  const retryable = status === 429 || status >= 500
  const reason = status === 429 ? 'it answered 429 Too Many Requests' : `it answered ${status}${response.statusText ? ` ${response.statusText}` : ''}`
  return { result: { ok: false, status, reason, retryable }, retryAfterMs: retryAfter(response.headers.get('retry-after')) }
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function describe(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string; message?: string } }).cause
  return inner?.code ?? inner?.message ?? (cause as Error).message
}
