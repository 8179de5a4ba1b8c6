/** Drives a `labdeck serve` over its HTTP API, as a script would (bearer token), for test set-up. */
export function labApi(served: { base: string; token: string }) {
  const u = new URL(served.base);
  const token = served.token;
  const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
    const res = await fetch(`${u.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(params) });
    const out = (await res.json()) as { ok: boolean; result?: T; error?: { code: string; message: string } };
    if (!out.ok) throw new Error(`${method}: ${out.error?.code}: ${out.error?.message}`);
    return out.result as T;
  };
  return {
    call,
    /** Starts a template under a name of our own and waits until the lab is healthy. */
    async up(template: string, name: string, timeoutMs = 180_000): Promise<void> {
      const job = await call<{ jobId: string }>('labs.up', { template, name });
      const end = Date.now() + timeoutMs;
      for (;;) {
        const jobs = await call<{ jobId: string; state: string; error?: { message: string } }[]>('jobs.list');
        const j = jobs.find((x) => x.jobId === job.jobId);
        if (j?.state === 'succeeded') return;
        if (j && j.state !== 'running') throw new Error(`up ${name}: ${j.state}: ${j.error?.message}`);
        if (Date.now() > end) throw new Error(`up ${name}: not healthy in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    },
    down: (name: string) => call('labs.down', { labId: name }),
  };
}
