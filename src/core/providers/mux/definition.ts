import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';
import { MUX_EVENTS } from './events';

const playbackIds = [{ id: '{{id::32}}', policy: 'public' }];

/** The object the event is about: its `object.type` and the `data` Mux sends. */
function subject(type: string): { kind: string; data: JsonObject } {
  const last = type.slice(type.lastIndexOf('.') + 1);
  if (type.startsWith('video.asset.track.'))
    return {
      kind: 'track',
      data: {
        id: '{{id::32}}',
        type: 'text',
        text_type: 'subtitles',
        language_code: 'en',
        status: last === 'created' ? 'preparing' : last,
        asset_id: '{{id::32}}',
      },
    };
  if (type.startsWith('video.asset.static_rendition.'))
    return {
      kind: 'static_rendition',
      data: {
        id: '{{id::32}}',
        asset_id: '{{id::32}}',
        name: 'highest.mp4',
        resolution: 'highest',
        status: last === 'created' ? 'preparing' : last,
      },
    };
  if (type.startsWith('video.asset.shots.'))
    return { kind: 'asset', data: { asset_id: '{{id::32}}', status: last === 'created' ? 'preparing' : last } };
  if (type.startsWith('video.asset.'))
    return {
      kind: 'asset',
      data: {
        id: '{{id::32}}',
        status: last === 'errored' ? 'errored' : last === 'created' ? 'preparing' : 'ready',
        playback_ids: playbackIds,
        passthrough: 'video-{{int:1:9999}}',
        aspect_ratio: '16:9',
        duration: '{{float:5:600}}',
        max_stored_resolution: 'HD',
        mp4_support: 'none',
        master_access: type.startsWith('video.asset.master.') ? 'temporary' : 'none',
        video_quality: 'basic',
        ...(last === 'errored'
          ? { errors: { type: 'invalid_input', messages: ['The input file could not be read.'] } }
          : {}),
      },
    };
  if (type.startsWith('video.upload.'))
    return {
      kind: 'upload',
      data: {
        id: '{{id::32}}',
        status:
          { created: 'waiting', asset_created: 'asset_created', cancelled: 'cancelled', errored: 'errored' }[last] ??
          last,
        timeout: 3600,
        cors_origin: 'https://app.example.com',
        new_asset_settings: { playback_policies: ['public'] },
        ...(last === 'asset_created' ? { asset_id: '{{id::32}}' } : {}),
      },
    };
  if (type.startsWith('video.live_stream.simulcast_target.'))
    return {
      kind: 'simulcast_target',
      data: {
        id: '{{id::32}}',
        live_stream_id: '{{id::32}}',
        url: 'rtmp://live.example.com/app',
        status: last === 'created' ? 'idle' : last,
      },
    };
  if (type.startsWith('video.live_stream.'))
    return {
      kind: 'live',
      data: {
        id: '{{id::32}}',
        status: ['active', 'recording', 'connected'].includes(last)
          ? 'active'
          : last === 'disabled'
            ? 'disabled'
            : 'idle',
        stream_key: '{{uuid}}',
        playback_ids: playbackIds,
        reconnect_window: 60,
        latency_mode: 'standard',
        max_continuous_duration: 43200,
      },
    };
  if (type === 'video.delivery.high_traffic')
    return {
      kind: 'delivery',
      data: {
        id: '{{uuid}}',
        threshold: 100,
        data: [{ asset_id: '{{id::32}}', delivered_seconds: '{{float:100:9000}}' }],
      },
    };
  return {
    kind: type.startsWith('robots.job.') ? 'robots_job' : 'robots_directive_run',
    data: { id: '{{id::32}}', status: last, asset_id: '{{id::32}}' },
  };
}

export const mux: ProviderDefinition = {
  id: 'mux',
  name: 'Mux',
  kind: 'common-scheme',
  description: 'Mux Video and Robots events: Mux-Signature t=<unix>,v1=<hex> over "<t>.<body>".',
  source: 'https://www.mux.com/docs/core/verify-webhook-signatures',
  headers: [jsonContentType(), signatureHeader('Mux-Signature', 't=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">.')],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Mux t=<unix>,v1=<hex> over "<t>.<body>"',
        header: 'Mux-Signature',
        format: { kind: 'kv', timestampKey: 't', signatureKey: 'v1' },
        digest: 'hex',
        signedContent: { template: '{timestamp}.{body}', bodyForms: ['raw'] },
        timestamp: { in: 'signature' },
        toleranceSeconds: 300,
      }),
    ],
  },
  events: eventsFrom(MUX_EVENTS, (type) => {
    const { kind, data } = subject(type);
    return {
      type: '{{eventType}}',
      request_id: null,
      object: { type: kind, id: '{{id::32}}' },
      id: '{{uuid}}',
      environment: { name: 'Production', id: '{{id::6}}' },
      data,
      created_at: '{{time:iso-ms}}',
      attempts: [],
      accessor_source: null,
      accessor: null,
    };
  }),
  envelope: {
    description:
      '{ type, object: { type, id }, id (uuid), environment: { name, id }, data, created_at (ISO 8601), attempts, accessor_source, accessor, request_id }',
    requiredKeys: ['type', 'object', 'id', 'environment', 'data', 'created_at', 'attempts'],
    timeField: { path: 'created_at', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['Mux-Signature'], headersAreGeneric: false },
  ids: {
    conventions: [
      { field: 'id', pattern: '^[0-9a-f-]{36}$', description: 'Event id (a UUID): the same on every retry.' },
    ],
    delivery: { fromPayload: 'id', generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 5 * SECOND,
    success: '2xx',
    // "Continue to try the message for the next 24 hours (with an increasing delay)": doubling from 1 minute, the last cut to end at 24 h.
    retryDelaysMs: [...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * MINUTE), 417 * MINUTE],
    afterFailure: 'Given up 24 hours after the first attempt.',
  },
  notes: [
    'Scheme: https://www.mux.com/docs/core/verify-webhook-signatures - Mux-Signature "t=<unix seconds>,v1=<hex>", HMAC-SHA256 of "<t>.<raw body>" keyed with the webhook signing secret. Proven against @mux/mux-node (webhooks.verifySignature, webhooks.unwrap), which refuses a timestamp more than 300 s old.',
    'Delivery: https://www.mux.com/docs/core/listen-for-webhooks and https://docs.mux.com/docs/webhooks - any 2xx; "a single request attempt will timeout after 5 seconds"; otherwise Mux keeps trying for the next 24 hours with an increasing delay. The steps are not published: 1, 2, 4 ... 512 minutes, then to 24 h here. Duplicates can arrive even after a 2xx.',
    'Events: the `type` names in @mux/mux-node 15.3.0 resources/webhooks/webhooks.d.ts (https://www.mux.com/docs/webhook-reference). Descriptions are written from the names.',
    "The real `attempts` array lists earlier attempts and grows on retries; Hookscope sends one body per delivery, so it stays empty (a byte-identical retry). Asset and stream ids are Mux's base-62 ids; samples use 32 characters.",
  ],
};
