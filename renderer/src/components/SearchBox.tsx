/** A small search field in front of a long picker; what it filters is the caller's. */
export function SearchBox({
  label,
  value,
  onChange,
  count,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  count?: number;
}) {
  return (
    <span className="search-box">
      <input
        type="search"
        aria-label={label}
        placeholder={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {count !== undefined && value.trim() !== '' && (
        <span className="muted" role="status">
          {count === 0 ? 'no match' : `${count} match${count === 1 ? '' : 'es'}`}
        </span>
      )}
    </span>
  );
}
