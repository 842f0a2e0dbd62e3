import { useState, type FormEvent } from 'react';
import { VerdictBadge } from '../components/VerdictBadge';
import { longTime } from '../captures/format';
import { useCaptures } from '../captures/store';
import { useUi } from '../ui-store';
import { useReplay } from './store';

/** Which capture is replayed: its id (typed, or from a capture's Replay button) and what it was. */
export function CapturePicker() {
  const { captureId, capture, load } = useReplay();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = Number(typed.trim());
    if (!Number.isInteger(id) || id < 1) {
      setProblem('a capture id is a whole number, 1 or more');
      return;
    }
    setProblem(null);
    setTyped('');
    void load(id);
  };

  const showInList = () => {
    if (captureId === null) return;
    useCaptures.getState().open(captureId);
    useUi.getState().go('captures');
  };

  return (
    <div className="capture-picker">
      <form className="picker-row" onSubmit={submit} aria-label="Pick a capture">
        <label htmlFor="f-captureId" className="field-label">
          Capture
        </label>
        <input
          id="f-captureId"
          name="captureId"
          inputMode="numeric"
          placeholder={captureId === null ? 'id' : `#${captureId}`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="small">
          Open
        </button>
        {problem && (
          <span className="field-error" role="alert">
            {problem}
          </span>
        )}
      </form>
      {capture && (
        <div className="picked" data-testid="picked-capture" data-capture-id={capture.id}>
          <button type="button" className="link mono" onClick={showInList} title="Show it on the Captures screen">
            #{capture.id}
          </button>
          <span className="mono">{capture.method}</span>
          <span className="mono picked-url" title={capture.url}>
            {capture.url}
          </span>
          <span className="muted">
            {capture.endpoint} · {longTime(capture.receivedAt).slice(0, 19)}
          </span>
          {capture.provider && <span className="tag">{capture.provider}</span>}
          {capture.signature && <VerdictBadge status={capture.signature.status} />}
        </div>
      )}
    </div>
  );
}
