import { HookscopeError } from '../shared/errors';

/**
 * A listener that could not start, in one sentence naming the port and the
 * flag that changes it: in use (PORT_IN_USE), not allowed (a port below 1024
 * without privileges) or an address this machine does not have.
 */
export function listenError(
  error: unknown,
  what: { port: number; host: string; flag: string; hostFlag?: string },
): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = `${what.host}:${what.port}`;
  if (code === 'EADDRINUSE') {
    return new HookscopeError(
      'PORT_IN_USE',
      `port ${what.port} (${where}) is already in use by another program; choose another with ${what.flag} (0: any free port).`,
      { port: what.port, flag: what.flag },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new HookscopeError(
      'BAD_INPUT',
      `not allowed to listen on port ${what.port} (${where}, ${code}); choose a port above 1023 with ${what.flag}.`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new HookscopeError(
      'BAD_INPUT',
      `cannot listen on ${what.host}: not an address of this machine (${code}); choose another with ${what.hostFlag ?? '--host'}.`,
    );
  }
  return error;
}
