export type StepResult = { ok: true } | { ok: false; reason: string };

export interface Plan {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
  prebuilt: () => StepResult;
  compile: () => StepResult;
  log?: (line: string) => void;
}

export type Outcome = { ok: true; how: 'prebuilt' | 'compiled' } | { ok: false; how: null; sentence: string };

export function obtainElectronNative(plan: Plan): Outcome;
export function lastReason(output: unknown, fallback: string): string;
