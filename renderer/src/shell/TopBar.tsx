import { useUi, captureBase, type Screen } from '../ui-store';
import { CopyButton } from '../components/CopyButton';
import { ConnectionDot } from './ConnectionDot';

const SCREENS: { id: Screen; label: string }[] = [
  { id: 'captures', label: 'Captures' },
  { id: 'endpoints', label: 'Endpoints' },
  { id: 'sender', label: 'Sender' },
  { id: 'replay', label: 'Replay' },
  { id: 'tunnel', label: 'Tunnel' },
  { id: 'settings', label: 'Settings' },
];

/** Brand, screens, and where webhooks go. */
export function TopBar() {
  const { screen, go, info } = useUi();
  const base = captureBase(info);
  return (
    <header className="topbar">
      <span className="brand">
        <span className="logo" aria-hidden="true">
          ⌁
        </span>
        Hookscope
      </span>
      <nav className="nav" aria-label="Screens">
        {SCREENS.map((s) => (
          <button
            key={s.id}
            type="button"
            className={screen === s.id ? 'on' : ''}
            aria-current={screen === s.id ? 'page' : undefined}
            onClick={() => go(s.id)}
          >
            {s.label}
          </button>
        ))}
      </nav>
      <div className="spacer" />
      {base !== null && (
        <span className="capture-url">
          <span className="muted">capturing on</span> <code>{base}</code>
          <CopyButton text={base} className="small" />
        </span>
      )}
      <ConnectionDot />
    </header>
  );
}
