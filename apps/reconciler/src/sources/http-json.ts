/** A non-2xx answer (other than the 404 `getJson` turns into undefined) from one of the services. */
export class HttpStatusError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    body: string,
  ) {
    super(`${method} ${url} answered ${status}: ${body.slice(0, 200)}`);
    this.name = 'HttpStatusError';
  }
}

export interface HttpOptions {
  /** Bound on one request, so a hung service fails the row instead of the whole run. */
  timeoutMs: number;
  /** Sent as `Authorization: Bearer …` on repairs (the services' PUT routes are admin only). */
  adminToken?: string;
}

/** GET returning the parsed body, or undefined on 404 (a missing row is data, not an error). */
export async function getJson<T>(url: string, options: HttpOptions): Promise<T | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
  const text = await response.text();
  if (response.status === 404) return undefined;
  if (!response.ok) throw new HttpStatusError('GET', url, response.status, text);
  return JSON.parse(text) as T;
}

/** PUT a JSON body; returns the status so callers can tell "applied" from "refused as stale" (409). */
export async function putJson(url: string, body: unknown, options: HttpOptions): Promise<number> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(options.adminToken === undefined ? {} : { authorization: `Bearer ${options.adminToken}` }) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const text = await response.text();
  if (!response.ok && response.status !== 409) throw new HttpStatusError('PUT', url, response.status, text);
  return response.status;
}

/** Joins a base URL (with or without a trailing slash or a path prefix) and an absolute path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
