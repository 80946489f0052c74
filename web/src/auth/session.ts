import { ApiError } from '../api/errors';

/**
 * The signed-in session, outside React: the access token lives in memory only; the single-use
 * refresh token (and both expiries) in sessionStorage, so a reload of the tab stays signed in and
 * closing the tab ends it. The access token is renewed a minute before it expires, and once more
 * when an answer says 401; when renewal fails the session ends with a reason the login page explains.
 */
interface Stored {
  refreshToken: string;
  refreshExpiresAt: number;
}

export type EndReason = 'expired' | 'loggedOut';

const STORAGE_KEY = 'sinergi.session';
let accessToken: string | null = null;
let stored: Stored | null = readStored();
let endReason: EndReason | null = null;
let renewal: Promise<boolean> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function readStored(): Stored | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
    return value !== null && typeof value.refreshToken === 'string' && value.refreshExpiresAt > Date.now() ? value : null;
  } catch {
    return null;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

function adopt(tokens: TokenAnswer): void {
  accessToken = tokens.accessToken;
  stored = { refreshToken: tokens.refreshToken, refreshExpiresAt: Date.now() + tokens.refreshExpiresIn * 1000 };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  endReason = null;
  clearTimeout(timer);
  // Renew a minute before expiry (at 80 % of a lifetime shorter than five minutes).
  timer = setTimeout(() => void renew(), Math.max(5, Math.min(tokens.expiresIn - 60, tokens.expiresIn * 0.8)) * 1000);
  notify();
}

function end(reason: EndReason): void {
  accessToken = null;
  stored = null;
  endReason = reason;
  clearTimeout(timer);
  sessionStorage.removeItem(STORAGE_KEY);
  notify();
}

async function postJson(path: string, body: unknown): Promise<Response> {
  try {
    return await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
  }
}

async function problem(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { code?: ApiError['code']; title?: string; requestId?: string };
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(response.status, body.code ?? 'UNKNOWN_ERROR', body.title ?? response.statusText, {
    requestId: body.requestId,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  });
}

export async function login(username: string, password: string): Promise<void> {
  const response = await postJson('/auth/login', { username, password });
  if (!response.ok) throw await problem(response);
  adopt((await response.json()) as TokenAnswer);
}

/** Renews the access token with the refresh token (one renewal at a time); false when the session ended. */
export function renew(): Promise<boolean> {
  renewal ??= (async () => {
    const refreshToken = stored?.refreshToken;
    if (refreshToken === undefined) return false;
    try {
      const response = await postJson('/auth/refresh', { refreshToken });
      if (response.ok) {
        adopt((await response.json()) as TokenAnswer);
        return true;
      }
      if (response.status === 401) end('expired');
      return false;
    } catch {
      return false; // no connection: keep the session, the next request tries again
    } finally {
      renewal = null;
    }
  })();
  return renewal;
}

export async function logout(): Promise<void> {
  const refreshToken = stored?.refreshToken;
  end('loggedOut');
  if (refreshToken !== undefined) await postJson('/auth/logout', { refreshToken }).catch(() => undefined);
}

export function isSignedIn(): boolean {
  return stored !== null;
}

/** Why the last session ended (shown once on the login page). */
export function lastEndReason(): EndReason | null {
  return endReason;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function withToken(request: Request): Request {
  const copy = new Request(request);
  if (accessToken !== null) copy.headers.set('authorization', `Bearer ${accessToken}`);
  return copy;
}

/** fetch for the API client: adds the access token; on 401 renews it once and repeats the request. */
export async function authorizedFetch(input: Request): Promise<Response> {
  if (accessToken === null && stored !== null) await renew();
  const retry = input.clone();
  const response = await fetch(withToken(input));
  if (response.status !== 401 || stored === null) return response;
  return (await renew()) ? fetch(withToken(retry)) : response;
}
