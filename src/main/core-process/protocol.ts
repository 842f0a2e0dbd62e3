/** Messages between the main process and the core's utility process (over its parentPort). */

export interface CoreStartOptions {
  dataDir: string;
  /** Capture server port (0: any free one; when the wanted one is taken, any free one). */
  capturePort: number;
  nativeBinding?: string;
  version: string;
  /** The key that seals signing secrets (base64), kept by the main process encrypted by the OS; absent where the OS offers none. */
  secretKey?: string;
  /** Tunnel credentials the main process keeps encrypted by the OS, handed over decrypted. */
  tokens: Record<string, string>;
}

export type ToCore =
  | { kind: 'start'; options: CoreStartOptions }
  /** A new port for a window (its ports[0]). */
  | { kind: 'connect' }
  | { kind: 'stop' };

export type FromCore =
  | { kind: 'ready'; captureUrl: string; takenPort?: number }
  | { kind: 'failed'; message: string }
  /** Events the main process acts on (notifications). */
  | { kind: 'event'; event: string; payload: unknown }
  /** The core changed a tunnel credential: the main process stores it encrypted. */
  | { kind: 'vault-set'; name: string; value: string | null }
  | { kind: 'stopped' };

/** The events the main process needs from the core. */
export const EVENTS_FOR_MAIN = new Set(['captures.added']);
