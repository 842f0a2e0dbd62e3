import { useState } from 'react';
import { call } from '../transport';
import { useCaptures } from '../captures/store';
import { ConfirmDelete } from './ConfirmDelete';
import { plural } from './delete';

/** Deletes an endpoint and all its captures, after a confirmation naming how many go with it. */
export function DeleteEndpointButton({ slug, onDeleted }: { slug: string; onDeleted(): void }) {
  const [count, setCount] = useState<number | null | undefined>(undefined);
  const [countError, setCountError] = useState<string | null>(null);
  const start = () => {
    setCount(null);
    setCountError(null);
    call('endpoints.delete', { slug, dryRun: true }).then(
      (r) => setCount(r.count),
      (e: unknown) => setCountError(String((e as Error).message ?? e)),
    );
  };
  return (
    <>
      <button type="button" className="danger" onClick={start}>
        Delete endpoint…
      </button>
      {count !== undefined && (
        <ConfirmDelete
          title={`Delete endpoint ${slug}`}
          what={countError ?? `Delete endpoint ${slug} and its ${plural(count ?? 0, 'capture')}?`}
          count={countError ? 0 : count === null ? null : count + 1}
          onConfirm={async () => {
            await call('endpoints.delete', { slug });
            const { filters, setFilter } = useCaptures.getState();
            if (filters.endpoint === slug) setFilter('endpoint', '');
            onDeleted();
          }}
          onClose={() => setCount(undefined)}
        />
      )}
    </>
  );
}
