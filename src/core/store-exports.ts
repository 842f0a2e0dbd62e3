/**
 * What the shells (src/cli, src/server, src/main) may use from src/core/store:
 * the durability setting, the coded store error, the desktop's key sealer and
 * the shapes of records they print. Everything else in the store is reached
 * through the App's services (src/core/services). The lint's layer table
 * (eslint.config.mjs) lets the shells import this module and no other in store/.
 */
export { DURABILITIES, translateEscapedStoreError, type Durability } from './store/db';
export { createKeySealer } from './store/key-sealer';
export { toReplayView } from './store/replays';
export type { StoredCapture } from './store/captures';
export type { AttemptRecord } from './store/deliveries';
export type { ExportSelection } from './store/export-import';
export { withBusyRetry } from './store/busy-retry';
export type { DeleteTarget } from './store/cleanup';
