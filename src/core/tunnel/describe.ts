import type { TunnelSelfTestResult, TunnelStatus } from '../../shared/tunnel-types';

/** One status as the lines `hookscope serve --tunnel` prints. */
export function describeTunnelStatus(status: TunnelStatus, now: number): string {
  switch (status.state) {
    case 'connecting':
      return `tunnel: connecting to ${status.provider === 'localtunnel' ? status.host : status.provider} ...`;
    case 'open':
      return [
        `tunnel: open at ${status.url}  ->  capture server port ${status.localPort} (the control API is not exposed)`,
        ...status.notes.map((note) => `  ${note}`),
      ].join('\n');
    case 'reconnecting': {
      const seconds = Math.max(0, Math.round(((status.retryAt ?? now) - now) / 1000));
      return `tunnel: link down (${status.error?.message ?? 'no cause given'}); reconnecting in ${seconds} s (attempt ${status.attempt})`;
    }
    case 'error':
      return `tunnel: could not open: ${status.error?.message ?? 'no cause given'}; capturing locally only`;
    case 'closed':
      return 'tunnel: closed';
  }
}

export function describeSelfTest(result: TunnelSelfTestResult): string {
  return result.ok ? `tunnel self-test passed: ${result.message}` : `tunnel self-test FAILED: ${result.message}`;
}
