/** What a signature verdict looks like in a list or a panel; null means not verified (yet). */
const LABELS: Record<string, string> = {
  valid: 'valid',
  invalid: 'invalid',
  stale: 'stale',
  missing: 'missing',
  malformed: 'malformed',
  'no-secret': 'no secret',
};

export function VerdictBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="badge badge-none">—</span>;
  const known = Object.prototype.hasOwnProperty.call(LABELS, status);
  return (
    <span className={`badge badge-${known ? status : 'other'}`} title={`signature: ${status}`}>
      {known ? LABELS[status] : status}
    </span>
  );
}
