/** One HTTP answer as a load client sees it; status 0 means no answer (connection refused, reset, timeout). */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** What a load client needs: log in, and call a route with JSON in and out. Never throws. */
export class SinergiHttp {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async call(method: string, path: string, options: { token?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
    } catch {
      return { status: 0, body: {} };
    }
  }

  /** Logs in (retrying while the API is unreachable or failing, up to `timeoutMs`) and returns the access token. */
  async login(username: string, password: string, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.call('POST', '/auth/login', { body: { username, password } });
      if (res.status === 200 && typeof res.body.accessToken === 'string') return res.body.accessToken;
      if ((res.status !== 0 && res.status < 500) || Date.now() > deadline) throw new Error(`login of ${username} failed: ${res.status} ${String(res.body.code)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
