import type { CaptureSummary } from '../shared/capture-types';
import type { Clock } from '../core/clock';

export interface NotificationText {
  title: string;
  body: string;
}

const MAX_BODY = 160;

/** Plain text for the OS: control characters out, long paths cut. Captured bytes are data, never markup. */
function plain(text: string, max = MAX_BODY): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describe(capture: CaptureSummary): string {
  const what = [capture.provider, capture.eventType].filter(Boolean).join(' ');
  return `${capture.method} ${capture.path}${what ? ` (${what})` : ''}`;
}

export function notificationText(captures: CaptureSummary[]): NotificationText {
  const latest = captures[captures.length - 1];
  if (captures.length === 1)
    return { title: `New webhook on ${plain(latest.endpoint, 60)}`, body: plain(describe(latest)) };
  return { title: `${captures.length} new webhooks`, body: plain(`latest: ${describe(latest)}`) };
}

export interface CaptureNotifierOptions {
  clock: Clock;
  /** The user's setting. */
  enabled(): boolean;
  /** False while the window is in front: the list shows them already. */
  wanted(): boolean;
  show(text: NotificationText): void;
  /** After a notification, further captures are gathered for this long into one (default 3 s). */
  quietMs?: number;
}

/**
 * One notification for the first capture of a burst, then at most one per
 * quiet period for the rest, so a load test does not bury the desktop.
 */
export function createCaptureNotifier(options: CaptureNotifierOptions) {
  const quietMs = options.quietMs ?? 3000;
  let quietUntilTimer: (() => void) | undefined;
  let gathered: CaptureSummary[] = [];

  const endQuiet = () => {
    quietUntilTimer = undefined;
    if (gathered.length === 0) return;
    const batch = gathered;
    gathered = [];
    if (options.enabled() && options.wanted()) notify(batch);
  };
  const notify = (batch: CaptureSummary[]) => {
    options.show(notificationText(batch));
    quietUntilTimer = options.clock.setTimer(quietMs, endQuiet);
  };

  return {
    captures(batch: CaptureSummary[]): void {
      if (batch.length === 0 || !options.enabled() || !options.wanted()) return;
      if (quietUntilTimer) gathered.push(...batch);
      else notify(batch);
    },
    dispose(): void {
      quietUntilTimer?.();
      quietUntilTimer = undefined;
      gathered = [];
    },
  };
}
