import * as electron from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startDesktop } from './bootstrap';
import { electronNativeBinding } from './native-binding';

// Electron main, kept thin: everything with logic lives in small modules
// (bootstrap, window options, navigation and session policy, IPC, settings,
// notifications, menu) that the tests drive with a fake electron module.
const { app } = electron;
const nativeBinding = electronNativeBinding(
  { isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath },
  existsSync,
);

/** HOOKSCOPE_CAPTURE_PORT picks the capture server's port (default 8787; 0: any free port). */
const port = /^\d{1,5}$/.test(process.env.HOOKSCOPE_CAPTURE_PORT ?? '')
  ? Number(process.env.HOOKSCOPE_CAPTURE_PORT)
  : undefined;

void startDesktop(electron, {
  rendererRoot: join(import.meta.dirname, '../renderer'),
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  coreEntry: join(import.meta.dirname, 'core-process.js'),
  nativeBinding,
  capturePort: port !== undefined && port <= 65535 ? port : undefined,
});
