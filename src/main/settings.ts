import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** The desktop shell's own settings, kept next to the database. */
const settingsSchema = z.object({
  /** A desktop notification when captures arrive while the window is not in front. */
  notifications: z.boolean().catch(true),
});

export type DesktopSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: DesktopSettings = { notifications: true };

export function settingsFile(dataDir: string): string {
  return join(dataDir, 'desktop-settings.json');
}

/** The saved settings; a missing or unreadable file gives the defaults. */
export function loadSettings(file: string): DesktopSettings {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Written whole to a temporary file, then renamed over the old one. */
export function saveSettings(file: string, settings: DesktopSettings): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(temporary, file);
}
