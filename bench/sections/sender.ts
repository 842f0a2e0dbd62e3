// Sender throughput: deliveries per second to a local sink that answers 200,
// through the app's delivery engine (stored, claimed, signed, sent, settled).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/core/app';
import { startChild } from '../child';
import { round } from '../stats';

export interface SenderResult {
  concurrency: number;
  seconds: number;
  delivered: number;
  failed: number;
  sinkReceived: number;
  deliveriesPerSec: number;
}

export async function benchSender(options: {
  seconds: number;
  concurrency: number;
  maxDeliveries: number;
}): Promise<SenderResult> {
  const sink = await startChild('sink.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-sender-'));
  const app = createApp({ dataDir });
  const sender = app.sender();
  const url = `http://127.0.0.1:${sink.port}/hook`;
  let delivered = 0;
  let failed = 0;
  let started = 0;
  const t0 = performance.now();
  const deadline = t0 + options.seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < deadline && started < options.maxDeliveries) {
          started++;
          const result = await sender.sendAndWait({
            provider: 'standard-webhooks',
            eventType: 'user.created',
            url,
            secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
          });
          if (result.status === 'delivered') delivered++;
          else failed++;
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const { received } = await sink.ask<{ received: number }>('stats');
    return {
      concurrency: options.concurrency,
      seconds: round(elapsed),
      delivered,
      failed,
      sinkReceived: received,
      deliveriesPerSec: Math.round(delivered / elapsed),
    };
  } finally {
    await app.close();
    await sink.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
