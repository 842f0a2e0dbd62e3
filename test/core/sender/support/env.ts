import { join } from 'node:path';
import { ManualClock, type Clock } from '../../../../src/core/clock';
import { createRegistryAdapter, createSender, type GlueOptions, type SenderOptions } from '../../../../src/core/sender';
import { openDatabase, type Db } from '../../../../src/core/store/db';
import { createDeliveryRepo } from '../../../../src/core/store/deliveries';
import { tempDir } from '../../../helpers/temp-dir';
import { recording, testAdapter } from './adapter';

/**
 * A real SQLite file in a temp folder and senders over it; dispose() stops
 * them and removes everything. By default the senders use the test scheme
 * (support/adapter.ts); `registry` puts the real provider registry behind them.
 */
export function senderEnv(options: { registry?: GlueOptions } = {}) {
  const dir = tempDir('hookscope-sender-');
  const file = join(dir.path, 'hookscope.db');
  const dbs: Db[] = [];
  const senders: ReturnType<typeof createSender>[] = [];
  const fixtures = options.registry ? recording(createRegistryAdapter(options.registry)) : testAdapter();
  return {
    file,
    adapter: fixtures.adapter,
    prepareCalls: fixtures.calls,
    open(): Db {
      const db = openDatabase({ file });
      dbs.push(db);
      return db;
    },
    sender({ db: given, ...options }: Partial<Omit<SenderOptions, 'deliveries'>> & { clock?: Clock; db?: Db } = {}) {
      const db = given ?? this.open();
      const sender = createSender({
        providers: fixtures.adapter,
        clock: new ManualClock(Date.UTC(2026, 0, 1)),
        ...options,
        deliveries: createDeliveryRepo(db),
      });
      senders.push(sender);
      return sender;
    },
    async dispose(): Promise<void> {
      for (const s of senders) await s.stop();
      for (const db of dbs) if (db.open) db.close();
      dir.remove();
    },
  };
}
