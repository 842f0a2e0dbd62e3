/**
 * Mux's webhook event types: the `type` names of the events
 * @mux/mux-node 15.3.0 declares in resources/webhooks/webhooks.d.ts
 * (UnwrapWebhookEvent); https://www.mux.com/docs/webhook-reference lists them.
 */
const VIDEO = `video.asset.created video.asset.ready video.asset.errored video.asset.updated video.asset.deleted
video.asset.live_stream_completed video.asset.warning video.asset.non_standard_input_detected
video.asset.master.preparing video.asset.master.ready video.asset.master.errored video.asset.master.deleted
video.asset.static_renditions.preparing video.asset.static_renditions.ready video.asset.static_renditions.errored
video.asset.static_renditions.deleted video.asset.static_rendition.created video.asset.static_rendition.ready
video.asset.static_rendition.errored video.asset.static_rendition.skipped video.asset.static_rendition.deleted
video.asset.track.created video.asset.track.ready video.asset.track.errored video.asset.track.deleted
video.asset.shots.created video.asset.shots.ready video.asset.shots.errored video.asset.shots.skipped
video.asset.shots.deleted
video.upload.created video.upload.asset_created video.upload.cancelled video.upload.errored
video.live_stream.created video.live_stream.connected video.live_stream.recording video.live_stream.active
video.live_stream.disconnected video.live_stream.idle video.live_stream.updated video.live_stream.enabled
video.live_stream.disabled video.live_stream.deleted video.live_stream.warning
video.live_stream.simulcast_target.created video.live_stream.simulcast_target.idle
video.live_stream.simulcast_target.starting video.live_stream.simulcast_target.broadcasting
video.live_stream.simulcast_target.errored video.live_stream.simulcast_target.updated
video.live_stream.simulcast_target.deleted
video.delivery.high_traffic`.split(/\s+/);

const ROBOT_JOBS = [
  'ask_questions',
  'edit_captions',
  'find_best_thumbnails',
  'find_key_moments',
  'find_scenes',
  'generate_chapters',
  'generate_engagement_insights',
  'generate_premium_captions',
  'moderate',
  'summarize',
  'translate_audio',
  'translate_captions',
];
const ROBOTS = [
  ...['created', 'completed', 'partial', 'errored'].map((s) => `robots.directive_run.${s}`),
  ...ROBOT_JOBS.flatMap((job) =>
    ['pending', 'processing', 'completed', 'errored', 'cancelled'].map((s) => `robots.job.${job}.${s}`),
  ),
];

const SUBJECTS: [prefix: string, subject: string][] = [
  ['video.asset.static_renditions', "An asset's static renditions"],
  ['video.asset.static_rendition', 'A static rendition'],
  ['video.asset.master', "An asset's master access file"],
  ['video.asset.track', "An asset's track"],
  ['video.asset.shots', "An asset's shot detection"],
  ['video.asset', 'An asset'],
  ['video.upload', 'A direct upload'],
  ['video.live_stream.simulcast_target', 'A simulcast target'],
  ['video.live_stream', 'A live stream'],
  ['video.delivery', 'Delivery'],
  ['robots.directive_run', 'A Robots directive run'],
  ['robots.job', 'A Robots job'],
];

function describe(type: string): string {
  const [prefix, subject] = SUBJECTS.find(([p]) => type.startsWith(`${p}.`))!;
  const rest = type
    .slice(prefix.length + 1)
    .replace(/_/g, ' ')
    .replace('.', ': ');
  return `${subject}: ${rest}.`;
}

export const MUX_EVENTS: Record<string, string> = Object.fromEntries(
  [...VIDEO, ...ROBOTS].map((t) => [t, describe(t)]),
);
