import { useState } from 'react';
import { ConfirmDelete } from './ConfirmDelete';
import { countScope, deleteScope, plural, type DeleteScope } from './delete';

/** What a scope is, in words, for the confirmation. */
function describe(scope: DeleteScope, count: number): string {
  if (scope.kind === 'ids')
    return scope.ids.length === 1 ? `Delete capture #${scope.ids[0]}?` : `Delete these ${plural(count, 'capture')}?`;
  if (scope.kind === 'all') return `Delete all ${plural(count, 'capture')}, of every endpoint?`;
  return `Delete the ${plural(count, 'capture')} matching these filters?`;
}

/** A button that deletes a scope of captures after a confirmation naming the count. */
export function DeleteCapturesButton({
  scope,
  label,
  title,
  className,
}: {
  scope: () => DeleteScope;
  label: string;
  title?: string;
  className?: string;
}) {
  const [asking, setAsking] = useState<{ scope: DeleteScope; count: number | null } | null>(null);
  const [countError, setCountError] = useState<string | null>(null);
  const start = () => {
    const chosen = scope();
    setCountError(null);
    setAsking({ scope: chosen, count: chosen.kind === 'ids' ? chosen.ids.length : null });
    if (chosen.kind !== 'ids') {
      countScope(chosen).then(
        (count) => setAsking((a) => (a && a.scope === chosen ? { ...a, count } : a)),
        (e: unknown) => setCountError(String((e as Error).message ?? e)),
      );
    }
  };
  return (
    <>
      <button type="button" className={className} title={title} onClick={start}>
        {label}
      </button>
      {asking && (
        <ConfirmDelete
          title="Delete captures"
          what={
            countError ??
            (asking.count === null
              ? ''
              : asking.count === 0
                ? 'Nothing to delete.'
                : describe(asking.scope, asking.count))
          }
          count={countError ? 0 : asking.count}
          onConfirm={() => deleteScope(asking.scope)}
          onClose={() => setAsking(null)}
        />
      )}
    </>
  );
}
