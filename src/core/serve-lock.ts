import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { uptime } from 'node:os';
import { join } from 'node:path';
import { HookscopeError } from '../shared/errors';
import { DATA_FILE_MODE, ensureDataDir } from './data-dir';

export const LOCK_FILE = 'serve.lock';

/** What a running serve writes in its data folder, for a second one to name it. */
export interface LockInfo {
  pid: number;
  capturePort: number | null;
  uiPort: number | null;
  startedAt: string;
}

export interface ServeLock {
  readonly file: string;
  /** Records the ports once they are known (the lock is taken before listening). */
  update(ports: { capturePort: number; uiPort: number }): void;
  /** Removes the lock when it is still ours. */
  release(): void;
}

export interface LockDeps {
  pid: number;
  now: () => number;
  /** True when a process with that id runs (process.kill(pid, 0) in production). */
  isAlive: (pid: number) => boolean;
  /** When this process and the machine started (epoch ms): a lock older than either cannot be a live one with a reused pid. */
  processStartedAt: number;
  bootedAt: number;
  /** When a live process started (epoch ms), where the OS tells (Linux /proc); null when it cannot. */
  startedAtOf?: (pid: number) => number | null;
}

/** process.kill(pid, 0): ESRCH means gone; EPERM means alive under another user. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Linux: when process `pid` started, from /proc/<pid>/stat (field 22, clock
 * ticks after boot; 100 per second on every Linux Node runs on) and the boot
 * time in /proc/stat. Null anywhere else, or when the process is gone.
 */
export function procStartedAt(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    return Number.isFinite(ticks) && Number.isFinite(btime) ? btime * 1000 + ticks * 10 : null;
  } catch {
    return null;
  }
}

function systemDeps(): LockDeps {
  const now = Date.now();
  return {
    pid: process.pid,
    now: Date.now,
    isAlive: processIsAlive,
    processStartedAt: now - process.uptime() * 1000,
    bootedAt: now - uptime() * 1000,
    startedAtOf: process.platform === 'linux' ? procStartedAt : undefined,
  };
}

/** Whether the serve that wrote `holder` may still run: its pid is alive and is not a reused one. */
function holderRuns(holder: LockInfo, deps: LockDeps): boolean {
  const started = Date.parse(holder.startedAt);
  // A pid from before the machine booted, or our own pid from before we started, is a reused pid.
  if (Number.isFinite(started) && started < deps.bootedAt - 1000) return false;
  if (holder.pid === deps.pid) return !Number.isFinite(started) || started >= deps.processStartedAt - 1000;
  if (!deps.isAlive(holder.pid)) return false;
  // Alive, but started after the lock was written: another program that got the pid again.
  const pidStarted = deps.startedAtOf?.(holder.pid) ?? null;
  return !(pidStarted !== null && Number.isFinite(started) && pidStarted > started + 2000);
}

function parseLock(text: string): LockInfo | null {
  try {
    const value = JSON.parse(text) as Partial<LockInfo>;
    if (!Number.isInteger(value.pid) || (value.pid as number) <= 0) return null;
    const port = (p: unknown) => (Number.isInteger(p) ? (p as number) : null);
    return {
      pid: value.pid as number,
      capturePort: port(value.capturePort),
      uiPort: port(value.uiPort),
      startedAt: String(value.startedAt ?? '?'),
    };
  } catch {
    return null;
  }
}

function readText(file: string): string | 'gone' {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
}

function readLock(file: string): LockInfo | null | 'gone' {
  const text = readText(file);
  return text === 'gone' ? 'gone' : parseLock(text);
}

function describe(info: LockInfo): string {
  const ports = [
    info.capturePort === null ? null : `capture port ${info.capturePort}`,
    info.uiPort === null ? null : `UI port ${info.uiPort}`,
  ].filter(Boolean);
  return `pid ${info.pid}${ports.length ? `, ${ports.join(', ')}` : ', still starting'}, started ${info.startedAt}`;
}

function ioError(error: unknown, dataDir: string): HookscopeError {
  if (error instanceof HookscopeError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  if (code === 'ENOSPC')
    return new HookscopeError('DB_DISK_FULL', `cannot write the serve lock in ${dataDir}: the disk is full.`);
  return new HookscopeError('DB_READ_ONLY', `cannot write the serve lock in ${dataDir} (${code}).`);
}

/**
 * One `serve` per data folder: takes `<data>/serve.lock`, or refuses with
 * DATA_DIR_IN_USE naming the serve that holds it (pid, ports, start time). A
 * lock whose pid is no longer alive, or that cannot be read, is stale and is
 * taken over. The file is complete before anyone can see it (written
 * beside, then hard-linked into place, which fails when one exists: an
 * exclusive create), owner-only, and removed by `release`.
 */
export function acquireServeLock(dataDir: string, deps: LockDeps = systemDeps()): ServeLock {
  ensureDataDir(dataDir);
  const file = join(dataDir, LOCK_FILE);
  const startedAt = new Date(deps.now()).toISOString();
  let info: LockInfo = { pid: deps.pid, capturePort: null, uiPort: null, startedAt };
  const scratch = join(dataDir, `${LOCK_FILE}.${deps.pid}.tmp`);
  // Exclusive create: whatever sits at the scratch path (a planted link) is removed, never written through.
  const writeScratch = () => {
    try {
      unlinkSync(scratch);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    writeFileSync(scratch, `${JSON.stringify(info)}\n`, { mode: DATA_FILE_MODE, flag: 'wx' });
  };

  try {
    for (let attempt = 0; ; attempt++) {
      writeScratch();
      try {
        linkSync(scratch, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        unlinkSync(scratch);
      }
      const text = readText(file);
      if (text === 'gone') continue;
      const holder = parseLock(text);
      if (holder && holderRuns(holder, deps)) {
        throw new HookscopeError(
          'DATA_DIR_IN_USE',
          `another hookscope serve (${describe(holder)}) is using the data folder ${dataDir}; stop it, or give this one another --data.`,
          holder,
        );
      }
      if (attempt >= 5)
        throw new HookscopeError(
          'DATA_DIR_IN_USE',
          `the serve lock ${file} keeps changing; another serve is starting on ${dataDir}.`,
        );
      // Stale: its serve is gone (killed, or the machine restarted). Another starter may be taking it over too:
      // remove it only while it still holds what was judged stale; the link above lets only one new lock in.
      try {
        if (readText(file) === text) unlinkSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  } catch (error) {
    throw ioError(error, dataDir);
  }

  const ours = () => {
    const now = readLock(file);
    return now !== 'gone' && now !== null && now.pid === deps.pid && now.startedAt === startedAt;
  };
  let released = false;
  return {
    file,
    update(ports) {
      if (released || !ours()) return;
      info = { ...info, ...ports };
      writeScratch();
      renameSync(scratch, file);
    },
    release() {
      if (released) return;
      released = true;
      try {
        if (ours()) unlinkSync(file);
      } catch {
        // Already gone, or the disk went read-only: the next serve finds the pid dead and takes it over.
      }
    },
  };
}
