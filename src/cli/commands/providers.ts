import type { Command } from 'commander';
import { HookscopeError } from '../../shared/errors';
import type { ProviderDefinition, ProviderFileError, SignatureVerdict } from '../../shared/providers';
import { assertEventType, buildOutgoingRequest, handshakeTypes, signRequest } from '../../core/providers';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { inertLine, jsonForTerminal } from '../terminal-safe';
import { printJson, printTable } from '../output';
import { generateSigningKeyPair, isAsymmetric, publicKeyForSecret } from '../../core/providers/keys';
import { idArg, intArg } from '../parse';
import { describeProvider, ladderText as ladder, timeoutText } from './provider-detail';

/** One stderr line per problem in a user provider file (that file was skipped; the others loaded). */
export function providerFileWarnings(errors: readonly ProviderFileError[]): string {
  return errors
    .map(
      (e) =>
        `provider file ${inertLine(e.file)}: ${inertLine(e.field)}: ${inertLine(e.problem)} (skipped) [PROVIDER_FILE_INVALID]\n`,
    )
    .join('');
}

/** The signature algorithms and digest encodings a provider's forms use, e.g. "hmac-sha256 base64". */
export function schemeSummary(p: ProviderDefinition): string {
  return [...new Set(p.signature.forms.map((f) => `${f.algorithm} ${f.digest}`))].join(' / ');
}

export function describeVerdict(v: SignatureVerdict): string[] {
  const lines = [`signature: ${v.status} (${v.scheme}) - ${v.detail}`];
  if (v.secretIndex !== undefined) lines.push(`  matched secret #${v.secretIndex + 1}`);
  if (v.matchedForm) lines.push(`  matched form: ${v.matchedForm}`);
  if (v.expected !== undefined) lines.push(`  expected: ${v.expected}`);
  if (v.received !== undefined) lines.push(`  received: ${v.received}`);
  if (v.ageSeconds !== undefined) lines.push(`  age: ${v.ageSeconds} s (tolerance ${v.toleranceSeconds ?? '-'} s)`);
  if (v.signedBytes)
    lines.push(
      `  signed bytes: ${JSON.stringify(v.signedBytes.text.length > 400 ? `${v.signedBytes.text.slice(0, 400)}...` : v.signedBytes.text)}`,
    );
  for (const d of v.diagnostics) lines.push(`  likely cause [${d.code}]: ${d.message}`);
  // Details quote the received header values: captured bytes, made inert for the terminal.
  return lines.map(inertLine);
}

function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

/** Runs of a retry ladder the providers table shows before summing up the rest. */
const TABLE_LADDER_RUNS = 8;

export function registerProviderCommands(program: Command): void {
  withJson(
    withData(
      program
        .command('providers')
        .description('providers and signature schemes: events, timeouts, retry ladders; with an id, that one in full'),
    ),
  )
    .argument('[id]', 'a provider id: its events, headers, signature forms, ladder, timeout, success rule and notes')
    .action(async (id: string | undefined, options: CommonOptions) => {
      await withApp(options, (app) => {
        if (id !== undefined) {
          const provider = app.providers.require(id);
          if (options.json) process.stdout.write(`${jsonForTerminal(JSON.stringify(provider, null, 2))}\n`);
          else process.stdout.write(`${describeProvider(provider).join('\n')}\n`);
          return;
        }
        const list = app.providers.list();
        process.stderr.write(providerFileWarnings(app.providers.errors));
        if (options.json) {
          printJson(list);
          return;
        }
        printTable(
          list.map((p) => ({
            id: inertLine(p.id),
            name: inertLine(p.name),
            kind: p.kind,
            signature: inertLine([...new Set(p.signature.forms.map((f) => f.header))].join(' / ')),
            scheme: inertLine(schemeSummary(p)),
            events: p.events.length,
            handshake: inertLine(handshakeTypes(p).join(', ')),
            timeout: timeoutText(p),
            success: p.delivery.success,
            ladder: ladder(p, TABLE_LADDER_RUNS),
          })),
          ['id', 'name', 'kind', 'signature', 'scheme', 'events', 'handshake', 'timeout', 'success', 'ladder'],
        );
        process.stdout.write(
          `${list.length} providers, ${list.reduce((n, p) => n + p.events.length, 0)} event types\n`,
        );
      });
    });

  withJson(
    withData(
      program.command('verify').description("verify a capture's signature again, with the endpoint's current secrets"),
    ),
  )
    .argument('<id>', 'capture id', idArg)
    .action(async (id: number, options: CommonOptions) => {
      await withApp(options, (app) => {
        const stored = app.analysis.reverify(id);
        const verdict = stored.signature as SignatureVerdict | null;
        if (options.json) {
          printJson({ id, provider: stored.provider, eventType: stored.eventType, signature: verdict });
          return;
        }
        if (!stored.provider || !verdict)
          process.stdout.write(
            `capture ${id}: no provider detected; bind one with \`hookscope endpoint set ${stored.endpoint} --provider P\`\n`,
          );
        else
          process.stdout.write(
            `capture ${id}: ${stored.provider} ${stored.eventType ?? ''}\n${describeVerdict(verdict).join('\n')}\n`,
          );
        process.exitCode = verdict?.status === 'valid' ? 0 : 1;
      });
    });

  withJson(
    withData(
      program
        .command('keypair')
        .description(
          'a key pair for a provider that signs with Ed25519, ECDSA P-256 or ES256 JWTs: the private key to send with, the public key the handler is configured with',
        ),
    ),
  )
    .argument('<provider>', 'provider id (its default form must be asymmetric: discord, sendgrid, plaid)')
    .option(
      '--secret <secret>',
      "instead of a fresh pair, the public key of the pair a simulated webhook's secret stands for",
    )
    .action(async (providerId: string, options: CommonOptions & { secret?: string }) => {
      await withApp(options, (app) => {
        const provider = app.providers.require(providerId);
        const form =
          provider.signature.forms.find((f) => f.name === provider.signature.defaultForm) ??
          provider.signature.forms[0];
        if (!isAsymmetric(form.algorithm)) {
          throw new HookscopeError(
            'BAD_INPUT',
            `${provider.name} signs with ${form.algorithm}, a shared secret: there is no key pair to make.`,
          );
        }
        const pair =
          options.secret !== undefined
            ? { publicKey: publicKeyForSecret(options.secret, form.algorithm) }
            : generateSigningKeyPair(form.algorithm);
        if (options.json) {
          printJson({ provider: provider.id, algorithm: form.algorithm, ...pair });
          return;
        }
        const lines = [`${provider.name}: ${form.algorithm}`];
        if ('privateKey' in pair) lines.push(`private key (send with it: --secret): ${pair.privateKey}`);
        lines.push(
          `public key (configure your handler with it; paste it as the endpoint secret to verify): ${pair.publicKey}`,
        );
        process.stdout.write(`${lines.map(inertLine).join('\n')}\n`);
      });
    });

  withJson(
    withData(
      program.command('sign').description('print the headers a provider would send with the body on standard input'),
    ),
  )
    .requiredOption('--provider <id>', 'provider id')
    .requiredOption('--secret <secret>', 'signing secret')
    .option('--timestamp <unix>', 'unix seconds to sign with (default: now)', intArg('--timestamp', 0, 99_999_999_999))
    .option('--form <name>', 'signature form, where the provider has several (LRDefender: plain or timestamped)')
    .option('--id <message-id>', 'message id, for schemes that sign one (Standard Webhooks webhook-id)')
    .option(
      '--url <url>',
      'the full URL the request goes to, for schemes that sign it (Twilio, Square, HubSpot, QStash)',
    )
    .option('--method <method>', 'the HTTP method, for schemes that sign it (HubSpot v3; default POST)')
    .option(
      '--event <type>',
      "the event type: prints every header the provider sends with it (event, delivery id), not only the signature's",
    )
    .action(
      async (
        options: CommonOptions & {
          provider: string;
          secret: string;
          timestamp?: number;
          form?: string;
          id?: string;
          event?: string;
          url?: string;
          method?: string;
        },
      ) => {
        await withApp(options, async (app) => {
          const provider = app.providers.require(options.provider);
          if (options.event !== undefined) assertEventType(provider, options.event);
          if (options.form && !provider.signature.forms.some((f) => f.name === options.form)) {
            throw new HookscopeError(
              'BAD_INPUT',
              `--form: ${provider.id} has the forms ${provider.signature.forms.map((f) => f.name).join(', ')}`,
            );
          }
          const body = await readStdin();
          if (options.event !== undefined) {
            const timestampSec = options.timestamp ?? Math.floor(Date.now() / 1000);
            const request = buildOutgoingRequest(provider, {
              eventType: options.event,
              payload: body,
              secret: options.secret,
              timestampSec,
              deliveryId: options.id,
              form: options.form,
              url: options.url,
            });
            if (options.json) printJson({ headers: request.headers, ...(request.url ? { url: request.url } : {}) });
            else for (const [k, v] of request.headers) process.stdout.write(`${k}: ${inertLine(v)}\n`);
            return;
          }
          const signed = signRequest(provider, {
            secret: options.secret,
            body,
            timestampSec: options.timestamp ?? Math.floor(Date.now() / 1000),
            form: options.form,
            webhookId: options.id,
            url: options.url,
            method: options.method,
          });
          if (options.json)
            printJson({
              headers: signed.headers,
              signedBytes: Buffer.from(signed.signedBytes).toString('utf8'),
              ...(signed.url ? { url: signed.url } : {}),
              ...(signed.body ? { body: Buffer.from(signed.body).toString('utf8') } : {}),
            });
          else {
            for (const [k, v] of signed.headers) process.stdout.write(`${k}: ${inertLine(v)}\n`);
            if (signed.url) process.stdout.write(`URL: ${inertLine(signed.url)}\n`);
            if (signed.body) process.stdout.write(`Body: ${inertLine(Buffer.from(signed.body).toString('utf8'))}\n`);
          }
        });
      },
    );
}
