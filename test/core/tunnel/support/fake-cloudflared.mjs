#!/usr/bin/env node
// A stand-in for `cloudflared tunnel --no-autoupdate --url http://HOST:PORT`:
// it forwards a TCP port on 127.0.0.1 to the given URL's host and port, prints
// the public URL in cloudflared's framed box on standard error, and exits on
// SIGTERM. FAKE_CLOUDFLARED=silent prints no URL; =fail prints an ERR line and
// exits 1; =drop:MS exits MS milliseconds after the URL (a dropped link).
import { connect, createServer } from 'node:net';

const args = process.argv.slice(2);
const target = new URL(args[args.indexOf('--url') + 1]);
const mode = process.env.FAKE_CLOUDFLARED ?? '';
const log = (level, text) => process.stderr.write(`2026-12-04T12:00:00Z ${level} ${text}\n`);

if (args[0] !== 'tunnel' || !args.includes('--no-autoupdate')) {
  log('ERR', `unexpected arguments: ${args.join(' ')}`);
  process.exit(2);
}
if (mode === 'fail') {
  log(
    'ERR',
    'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com: no such host',
  );
  process.exit(1);
}
const server = createServer((inbound) => {
  const outbound = connect({
    host: target.hostname === 'localhost' ? '127.0.0.1' : target.hostname,
    port: Number(target.port),
  });
  inbound.pipe(outbound).pipe(inbound);
  inbound.on('error', () => outbound.destroy());
  outbound.on('error', () => inbound.destroy());
});
server.listen(0, '127.0.0.1', () => {
  log('INF', 'Requesting new quick Tunnel on trycloudflare.com...');
  if (mode === 'silent') return;
  const url = `http://127.0.0.1:${server.address().port}`;
  log('INF', '+--------------------------------------------------------------------------------------------+');
  log('INF', '|  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |');
  log('INF', `|  ${url.padEnd(90)}|`);
  log('INF', '+--------------------------------------------------------------------------------------------+');
  log('INF', 'Registered tunnel connection connIndex=0 location=loopback protocol=quic');
  const drop = /^drop:(\d+)$/.exec(mode);
  if (drop) setTimeout(() => process.exit(1), Number(drop[1]));
});
process.on('SIGTERM', () => process.exit(0));
