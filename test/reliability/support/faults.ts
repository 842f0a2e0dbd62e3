// Real faults for the data folder: a tmpfs mounted read-only or small enough
// to fill, and files made immutable. They need root (and mount permission);
// each probe says why it cannot, so a test can skip with that reason.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function why(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return stderr || (error instanceof Error ? error.message : String(error));
}

/** Null when tmpfs mounts (rw, then remounted ro) work here; otherwise the reason they do not. */
export function mountUnavailable(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-probe-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
    try {
      run('mount', ['-o', 'remount,ro', dir]);
    } finally {
      run('umount', [dir]);
    }
    return null;
  } catch (error) {
    return `cannot mount a tmpfs here (${why(error)}); run the suite as root with mount permission`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Null when `chattr +i` works in the temp folder; otherwise why not. */
export function chattrUnavailable(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-probe-'));
  const file = join(dir, 'f');
  writeFileSync(file, 'x');
  try {
    run('chattr', ['+i', file]);
    run('chattr', ['-i', file]);
    return null;
  } catch (error) {
    return `chattr +i does not work on ${tmpdir()} (${why(error)})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh folder with a tmpfs of `bytes` mounted on it; `remove()` unmounts and deletes it. */
export function tmpfsDir(bytes: number): { path: string; readOnly(on: boolean): void; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'hookscope-tmpfs-'));
  run('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', path]);
  return {
    path,
    readOnly(on) {
      run('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, path]);
    },
    remove() {
      try {
        run('umount', [path]);
      } finally {
        rmSync(path, { recursive: true, force: true });
      }
    },
  };
}

export function immutable(file: string, on: boolean): void {
  run('chattr', [on ? '+i' : '-i', file]);
}

/** Every file of a folder and its bytes, to show nothing was written. */
export function snapshot(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}
