import { CopyButton } from '../components/CopyButton';
import { ErrorNote } from '../components/ErrorNote';
import { useTheme, useThemeStore, type ThemeChoice } from '../theme';
import { captureBase, useUi } from '../ui-store';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Where data lives, where to send webhooks, and the theme. */
export function SettingsScreen() {
  const { info, infoError, loadInfo } = useUi();
  const choice = useThemeStore((s) => s.choice);
  const choose = useThemeStore((s) => s.choose);
  const theme = useTheme();
  return (
    <div className="settings">
      <h2>Settings</h2>
      <ErrorNote message={infoError} onRetry={() => void loadInfo()} />
      <section className="card">
        <h3>Data</h3>
        <dl className="overview">
          <dt>Data folder</dt>
          <dd>
            <code data-testid="data-dir">{info?.dataDir ?? '…'}</code>{' '}
            {info && <CopyButton text={info.dataDir} className="small" />}
          </dd>
          <dt>Database</dt>
          <dd className="muted">
            <code>hookscope.db</code> in that folder; <code>--data DIR</code> or <code>HOOKSCOPE_DATA</code> choose
            another.
          </dd>
          <dt>Capture URL</dt>
          <dd>
            <code>{captureBase(info) ?? '…'}</code>
          </dd>
          <dt>Version</dt>
          <dd>
            <code>{info?.version ?? '…'}</code>
          </dd>
        </dl>
      </section>
      <section className="card">
        <h3>Appearance</h3>
        <div className="radio-group" role="radiogroup" aria-label="Theme">
          {CHOICES.map((c) => (
            <label key={c.value} className="check">
              <input
                type="radio"
                name="theme"
                value={c.value}
                checked={choice === c.value}
                onChange={() => choose(c.value)}
              />
              {c.label}
            </label>
          ))}
        </div>
        <p className="muted">
          Now showing the {theme} theme{choice === 'system' ? ', as the system asks' : ''}.
        </p>
      </section>
    </div>
  );
}
