/** `hookscope sign --url/--method` for the composed schemes, through the real command. */
import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const dir = tempDir();
afterAll(() => dir.remove());

describe('hookscope sign for schemes that sign the URL', () => {
  it('Square: signs the --url followed by the body, as an independent HMAC agrees', async () => {
    const body = '{"type":"payment.created"}';
    const url = 'https://hooks.example.com/square';
    const out = await runCli(['sign', '--provider', 'square', '--secret', 'k', '--url', url, '--data', dir.path], body);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      `x-square-hmacsha256-signature: ${createHmac('sha256', 'k')
        .update(url + body)
        .digest('base64')}`,
    );
  });

  it('HubSpot v3: --method is signed; --json gives the signed string', async () => {
    const body = '[{"subscriptionType":"contact.creation"}]';
    const out = await runCli(
      [
        'sign',
        '--provider',
        'hubspot',
        '--secret',
        's',
        '--url',
        'https://h.example/x',
        '--method',
        'PUT',
        '--timestamp',
        '1800000000',
        '--json',
        '--data',
        dir.path,
      ],
      body,
    );
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { signedBytes: string };
    expect(json.signedBytes).toBe(`PUThttps://h.example/x${body}1800000000000`);
  });

  it('Twilio JSON form prints the URL to call, with bodySHA256', async () => {
    const out = await runCli(
      [
        'sign',
        '--provider',
        'twilio',
        '--form',
        'json',
        '--secret',
        't',
        '--url',
        'https://h.example/tw',
        '--data',
        dir.path,
      ],
      '{"a":1}',
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^URL: https:\/\/h\.example\/tw\?bodySHA256=[0-9a-f]{64}$/m);
  });

  it('without --url a URL-signing scheme is refused in one line that names the flag', async () => {
    const out = await runCli(['sign', '--provider', 'square', '--secret', 'k', '--data', dir.path], '{}');
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('hookscope sign --url U');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
