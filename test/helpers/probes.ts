import { request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ProbeResult {
  /** How many answers of each status (0: no answer, a connection error). */
  statuses: Record<string, number>;
  sent: number;
  latenciesMs: number[];
}

function post(url: URL, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * Webhooks sent one after another (by each of `lanes` senders) to `url` until
 * stopped: every answer's status and how long it took. Stands for a provider
 * delivering while something else (an import) uses the database.
 */
export function startProbes(url: string, lanes = 2): { stop(): Promise<ProbeResult> } {
  const target = new URL(url);
  const result: ProbeResult = { statuses: {}, sent: 0, latenciesMs: [] };
  let running = true;
  const lane = async (k: number) => {
    for (let i = 0; running; i++) {
      const started = performance.now();
      const status = await post(target, JSON.stringify({ probe: k, i }));
      result.latenciesMs.push(performance.now() - started);
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      result.sent++;
    }
  };
  const all = Promise.all(Array.from({ length: lanes }, (_, k) => lane(k)));
  return {
    async stop() {
      running = false;
      await all;
      return result;
    },
  };
}

/** The value below which `q` of the samples fall (nearest rank). */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
