import { useCaptures } from '../captures/store';
import { hasFilters } from '../captures/rows';
import { DeleteCapturesButton } from './DeleteCapturesButton';
import { ImportButton } from './ImportButton';
import { listScope } from './delete';

/** Import and clean-up beside the list's filters: "Delete…" takes what the list shows (its filters or search), else everything. */
export function ListTools() {
  const label = useCaptures((s) =>
    s.search.trim() ? 'Delete found…' : hasFilters(s.filters) ? 'Delete matching…' : 'Delete all…',
  );
  return (
    <div className="list-tools">
      <ImportButton />
      <DeleteCapturesButton
        label={label}
        scope={listScope}
        title="Delete the captures this list shows (asks first, naming how many)"
      />
    </div>
  );
}
