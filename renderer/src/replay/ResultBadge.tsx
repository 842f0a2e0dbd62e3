import type { ReplayErrorKind } from '../../../src/shared/replay-types';

/**
 * A replay's result in the Sender's words: an answer that is not a success is
 * "failed" (its status is shown beside it); no answer at all is named by its
 * kind (timeout, connection-refused...).
 */
export function ResultBadge({
  ok,
  errorKind,
  okLabel,
}: {
  ok: boolean;
  errorKind: ReplayErrorKind | null;
  okLabel: string;
}) {
  if (ok) return <span className="badge badge-valid">{okLabel}</span>;
  if (errorKind === null || errorKind === 'status') {
    return (
      <span className="badge badge-invalid" title="Answered, but not with a success status" data-kind="status">
        failed
      </span>
    );
  }
  return (
    <span className="badge badge-invalid" data-kind={errorKind}>
      {errorKind}
    </span>
  );
}
