import type { TunnelState, TunnelStatus } from '../../../src/shared/tunnel-types';

export const STATE_LABELS: Record<TunnelState, string> = {
  closed: 'closed',
  connecting: 'connecting',
  open: 'open',
  reconnecting: 'reconnecting',
  error: 'error',
};

/** `4 s`, `3 min 5 s`, `2 h 10 min`, for how long a state has lasted or until a retry. */
export function span(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.floor(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** One sentence for the state, as the status card's headline. */
export function headline(status: TunnelStatus, now: number): string {
  switch (status.state) {
    case 'closed':
      return 'No tunnel: captures come from this machine only.';
    case 'connecting':
      return `Asking ${status.host} for a public URL…`;
    case 'open':
      return `Open for ${span(now - status.since)}: requests to the public URL reach the capture server.`;
    case 'reconnecting':
      return `The link dropped; attempt ${status.attempt} ${status.retryAt && status.retryAt > now ? `in ${span(status.retryAt - now)}` : 'now'}.`;
    case 'error':
      return 'The tunnel could not be opened: capturing locally only.';
  }
}
