import { useEffect, useState, type FormEvent } from 'react';
import { speedLabel, speedMeaning } from '../deliveries/format';
import { SPEED_PRESETS, useSender } from './store';

const TIMESTAMP_CHOICES = [
  {
    mode: 'real',
    label: 'Real clock',
    meaning:
      'Each attempt signs the time it really goes out, so sped-up retries pass a handler’s tolerance window; at a high speed-up, retries may share a timestamp and signature.',
  },
  {
    mode: 'provider',
    label: 'Provider schedule',
    meaning:
      'Each attempt signs its time on the provider’s own schedule (minutes or hours ahead when sped up): a handler that checks a tolerance window may reject those retries.',
  },
] as const;

const MIN = 0.001;
const MAX = 10_000_000;

/** How fast the provider's waits between attempts run: real time, a minute or an hour per second, or any factor. */
export function SpeedControl() {
  const speed = useSender((s) => s.speed);
  const speedError = useSender((s) => s.speedError);
  const setSpeed = useSender((s) => s.setSpeed);
  const timestamps = useSender((s) => s.timestamps);
  const setTimestamps = useSender((s) => s.setTimestamps);
  const preset = (SPEED_PRESETS as readonly number[]).includes(speed);
  const [customOn, setCustomOn] = useState(!preset);
  const [custom, setCustom] = useState(preset ? '' : String(speed));
  const [customError, setCustomError] = useState<string | null>(null);
  // The engine's speed may arrive after the first draw (sender.info), or be set elsewhere: show a factor that is no preset as custom.
  useEffect(() => {
    if ((SPEED_PRESETS as readonly number[]).includes(speed)) return;
    setCustomOn(true);
    setCustom(String(speed));
  }, [speed]);

  const applyCustom = (e?: FormEvent) => {
    e?.preventDefault();
    const n = Number(custom.trim());
    if (custom.trim() === '' || !Number.isFinite(n) || n < MIN || n > MAX) {
      setCustomError(`a factor from ${MIN} to ${MAX.toLocaleString('en-US')}`);
      return;
    }
    setCustomError(null);
    void setSpeed(n);
  };

  const error = customError ?? speedError;
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-field="speed">
      <span className="field-label" id="speed-label">
        Speed-up
      </span>
      <div className="speed-row">
        <div className="segmented" role="radiogroup" aria-labelledby="speed-label">
          {SPEED_PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={!customOn && speed === p}
              className={!customOn && speed === p ? 'on' : ''}
              onClick={() => {
                setCustomOn(false);
                setCustomError(null);
                void setSpeed(p);
              }}
            >
              {speedLabel(p)}
            </button>
          ))}
          <button
            type="button"
            role="radio"
            aria-checked={customOn}
            className={customOn ? 'on' : ''}
            onClick={() => setCustomOn(true)}
          >
            Custom
          </button>
        </div>
        {customOn && (
          <>
            <input
              id="f-customSpeed"
              name="customSpeed"
              inputMode="decimal"
              placeholder="e.g. 600"
              aria-label="Custom speed-up factor"
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && applyCustom(e)}
            />
            <button type="button" onClick={() => applyCustom()}>
              Apply
            </button>
          </>
        )}
      </div>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        <span className="field-hint" data-testid="speed-meaning">
          {speedLabel(speed)}: {speedMeaning(speed)}. Response timeouts are never sped up.
        </span>
      )}
      <span className="field-label" id="timestamps-label">
        Signed timestamps
      </span>
      <div className="segmented" role="radiogroup" aria-labelledby="timestamps-label">
        {TIMESTAMP_CHOICES.map((c) => (
          <button
            key={c.mode}
            type="button"
            role="radio"
            name="timestamps"
            value={c.mode}
            aria-checked={timestamps === c.mode}
            className={timestamps === c.mode ? 'on' : ''}
            onClick={() => setTimestamps(c.mode)}
          >
            {c.label}
          </button>
        ))}
      </div>
      <span className="field-hint" data-testid="timestamps-meaning">
        {TIMESTAMP_CHOICES.find((c) => c.mode === timestamps)?.meaning}
      </span>
    </div>
  );
}
