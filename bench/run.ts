// `npm run bench`: one report of what Hookscope costs on this machine.
// Capture throughput against a bare node:http server (same generator, same
// run), read latency over a large history, the sender's throughput, how late
// 100,000 pending retries fire, and how fast the UI shows a large history.
// Prints tables and writes bench/results.json. Loopback only; every part is
// bounded in count and time. `--quick` for a shorter run.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseBenchArgs } from './args';
import { buildDataset, type Dataset } from './dataset';
import { benchCapture, CAPTURE_PAIRS, captureTable } from './sections/capture';
import { benchImport, importTable } from './sections/import';
import { benchDurability, durabilityTable } from './sections/durability';
import { benchReads, readsTable } from './sections/reads';
import { benchRetries } from './sections/retries';
import { benchSender } from './sections/sender';
import { benchUi, ensureUiBuilt } from './sections/ui';
import { benchIndexStall, indexStallTable } from './sections/index-stall';
import { benchResponsive, responsiveTable } from './sections/responsive';
import { benchForwardProxy, forwardProxyTable } from './sections/forward-proxy';
import { benchProviders } from './sections/providers';
import { formatTable, section } from './table';
import { checkTargets, targetsTable } from './targets';

const options = parseBenchArgs(process.argv.slice(2));
const log = (line: string) => process.stderr.write(`${line}\n`);
const startedAt = Date.now();
const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version, loadavgAtStart: loadavg().map((l) => Number(l.toFixed(2))) },
  options: { ...options, only: [...options.only] },
};
let out = `# Hookscope benchmark (${options.quick ? 'quick' : 'full'}), ${cpus().length} cores, Node ${process.version}, load average ${loadavg()[0].toFixed(2)} at start\n`;

const capture = options.only.has('capture')
  ? await benchCapture(options.seconds, log, options.quick ? CAPTURE_PAIRS.quick : CAPTURE_PAIRS.full)
  : undefined;
if (capture) {
  report.capture = capture;
  out += section(
    `Capture: req/s and p99 vs bare node:http (${options.seconds} s per run, autocannon on loopback)`,
    captureTable(capture),
  );
}

const durability = options.only.has('durability') ? await benchDurability(options.seconds, log) : undefined;
if (durability) {
  report.durability = durability;
  out += section(
    `Durability: capture with serve --durability full (synchronous=FULL) against the default normal (WAL, synchronous=NORMAL), ${options.seconds} s per run`,
    durabilityTable(durability),
  );
}

let dataset: Dataset | undefined;
let tempDataset: string | undefined;
try {
  if (options.only.has('reads') || options.only.has('ui')) {
    const dir = options.dataset
      ? resolve(options.dataset)
      : (tempDataset = mkdtempSync(join(tmpdir(), 'hookscope-bench-history-')));
    if (options.dataset && existsSync(join(dir, 'hookscope.db'))) {
      dataset = { dataDir: dir, rows: options.rows, buildSeconds: { insert: 0, analysis: 0, index: 0 } };
      log(`  reusing the history in ${dir}`);
    } else {
      log(`  building a history of ${options.rows} captures in ${dir}`);
      dataset = await buildDataset(dir, options.rows, log);
    }
    report.dataset = dataset;
  }

  if (dataset && options.only.has('reads')) {
    const reads = await benchReads(dataset.dataDir, dataset.rows, { count: options.readRuns, maxMs: 15_000 });
    report.reads = reads;
    const b = dataset.buildSeconds;
    const built =
      options.dataset && b.insert === 0
        ? `reused from ${dataset.dataDir}`
        : `built in ${(b.insert + b.analysis + b.index).toFixed(1)} s: insert ${b.insert.toFixed(1)}, verdicts ${b.analysis.toFixed(1)}, search index ${b.index.toFixed(1)}`;
    out += section(
      `Reads over ${dataset.rows.toLocaleString('en')} captures (history ${built}; each query through the API handler the UI calls)`,
      readsTable(reads),
    );
  }

  if (options.only.has('sender')) {
    const sender = await benchSender({ seconds: options.senderSeconds, concurrency: 32, maxDeliveries: 200_000 });
    report.sender = sender;
    out += section(
      'Sender: deliveries to a local sink answering 200 (standard-webhooks, signed, stored, 32 at a time)',
      formatTable(
        ['deliveries/s', 'delivered', 'failed', 'sink received', 'seconds'],
        [
          [
            String(sender.deliveriesPerSec),
            String(sender.delivered),
            String(sender.failed),
            String(sender.sinkReceived),
            String(sender.seconds),
          ],
        ],
      ),
    );
  }

  if (options.only.has('retries')) {
    const retries = await benchRetries({
      retries: options.retries,
      windowSeconds: options.retryWindowSeconds,
      leadSeconds: 8,
    });
    report.retries = retries;
    const byTenth = `\n  p99 lateness by tenth of the window (ms): ${retries.lateP99ByTenth.join(' ')}`;
    out += section(
      `Retries: ${retries.retries.toLocaleString('en')} pending retries armed at once, due evenly over ${retries.windowSeconds} s (attempts answered in-process)`,
      formatTable(
        [
          'due per s',
          'stored in s',
          'armed in ms',
          'fired',
          'delivered',
          'engine errors',
          'sent per s',
          'late p50 ms',
          'late p99 ms',
          'late max ms',
        ],
        [
          [
            String(Math.round(retries.retries / retries.windowSeconds)),
            String(retries.storeSeconds),
            String(retries.armMs),
            String(retries.fired),
            String(retries.delivered),
            String(retries.engineErrors),
            String(retries.sustainedPerSec),
            String(retries.lateMs.p50),
            String(retries.lateMs.p99),
            String(retries.lateMs.max),
          ],
        ],
      ) + byTenth,
    );
  }

  if (options.only.has('import')) {
    const imports = await benchImport(options.importRows, log);
    report.import = imports;
    out += section(
      `Import: ${options.importRows.toLocaleString('en')} captures into a running serve while probe senders deliver webhooks (4 at a time)`,
      importTable(imports),
    );
  }

  if (dataset && options.only.has('ui')) {
    ensureUiBuilt(options.buildUi, log);
    const ui = await benchUi(dataset.dataDir, options.uiLoads);
    report.ui = ui;
    out += section(
      `UI: first page of ${dataset.rows.toLocaleString('en')} captures in headless Chromium (navigation to the first row drawn)`,
      formatTable(
        ['loads', 'cold ms', 'warm p50 ms', 'warm max ms', 'newest id shown', 'serve RSS MB'],
        [
          [
            String(ui.loads),
            String(ui.coldMs),
            String(ui.warmMs.p50),
            String(ui.warmMs.max),
            String(ui.newestIdShown),
            String(ui.serveRssMb),
          ],
        ],
      ),
    );
  }

  if (options.only.has('index-stall')) {
    const stall = await benchIndexStall(
      { bodyBytes: 10_000_000, connections: 4, intervalMs: 5, settleSeconds: options.quick ? 1 : 3 },
      log,
    );
    report.indexStall = stall;
    out += section(
      `Indexing a ${(stall.bodyBytes / 1e6).toFixed(0)} MB text body of ${stall.distinctWords.toLocaleString('en')} distinct words while 1 KB captures arrive on ${stall.connections} connections, one per ${stall.intervalMs} ms on each`,
      indexStallTable(stall),
    );
  }

  if (options.only.has('responsive')) {
    const responsive = await benchResponsive({ steadySeconds: options.quick ? 4 : 10, burst: 20_000 }, log);
    report.responsive = responsive;
    out += section(
      "Responsive under load: the UI's reads through the control API (event socket open) while captures arrive at 2,000 req/s, in a 20,000-request burst at full speed (10 connections), and in the second after it",
      responsiveTable(responsive),
    );
  }

  if (options.only.has('forward-proxy')) {
    const proxy = await benchForwardProxy(options.seconds, log);
    report.forwardProxy = proxy;
    out += section(
      `forward --proxy in front of a local handler, against calling the handler directly (${options.seconds} s each, autocannon c10, 1 KB)`,
      forwardProxyTable(proxy),
    );
  }
  if (options.only.has('providers')) {
    const providers = benchProviders({ rounds: options.quick ? 20 : 100, sizes: [10, 50] });
    report.providers = providers;
    out += section(
      `Providers: detection and signature verification per capture with 10 and 50 providers (every event of ten built-ins, ${providers[0].captures} captures)`,
      formatTable(
        ['providers', 'detect µs/capture', 'verify µs/capture', 'attributed right'],
        providers.map((c) => [
          String(c.providers),
          String(c.detectUsPerCapture),
          String(c.verifyUsPerCapture),
          `${c.attributed}/${c.captures}`,
        ]),
      ),
    );
  }
} finally {
  if (tempDataset) rmSync(tempDataset, { recursive: true, force: true });
}

const targets = checkTargets({
  capture,
  reads: report.reads as never,
  retries: report.retries as never,
  imports: report.import as never,
  indexStall: report.indexStall as never,
  ui: report.ui as never,
  responsive: report.responsive as never,
  forwardProxy: report.forwardProxy as never,
});
report.targets = targets;
const missed = targets.filter((t) => !t.met);
out += section('Targets', targetsTable(targets));
if (missed.length)
  out += `\n${missed.length} target(s) missed; to see where the time goes:\n${[...new Set(missed.map((m) => `  ${m.hint}`))].join('\n')}\n`;
report.machine = { ...(report.machine as object), loadavgAtEnd: loadavg().map((l) => Number(l.toFixed(2))) };
report.seconds = Math.round((Date.now() - startedAt) / 1000);
out += `\nfinished in ${report.seconds} s; load average ${loadavg()[0].toFixed(2)} at the end. bench/results.json holds every number.\n`;
writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(out);
