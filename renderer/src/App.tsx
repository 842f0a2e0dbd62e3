import { lazy, Suspense, useEffect } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorNote } from './components/ErrorNote';
import { CapturesScreen } from './captures/CapturesScreen';
import { useEndpoints } from './endpoints/store';
import { CoreStatusBanner } from './shell/CoreStatusBanner';
import { AccessScreen } from './shell/AccessScreen';
import { useAccess } from './shell/access';
import { TopBar } from './shell/TopBar';
import { useLiveEvents } from './shell/useLiveEvents';
import { useApplyTheme } from './theme';
import { useUi } from './ui-store';

// The captures screen is the first one drawn and comes with the page; every other screen (and the code
// editor the sender and replay screens hold) is its own chunk, loaded when it is first opened.
const EndpointsScreen = lazy(() => import('./endpoints/EndpointsScreen').then((m) => ({ default: m.EndpointsScreen })));
const SenderScreen = lazy(() => import('./sender/SenderScreen').then((m) => ({ default: m.SenderScreen })));
const ReplayScreen = lazy(() => import('./replay/ReplayScreen').then((m) => ({ default: m.ReplayScreen })));
const TunnelScreen = lazy(() => import('./tunnel/TunnelScreen').then((m) => ({ default: m.TunnelScreen })));
const SettingsScreen = lazy(() => import('./settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

const SCREEN_LABELS = {
  captures: 'The captures screen',
  endpoints: 'The endpoints screen',
  sender: 'The sender screen',
  replay: 'The replay screen',
  tunnel: 'The tunnel screen',
  settings: 'The settings screen',
} as const;

/** The window: a top bar and one screen, each behind its own error boundary. */
export function App() {
  useApplyTheme();
  useLiveEvents();
  const screen = useUi((s) => s.screen);
  const infoError = useUi((s) => s.infoError);
  const loadInfo = useUi((s) => s.loadInfo);
  const access = useAccess((s) => s.problem);

  useEffect(() => {
    void loadInfo();
    void useEndpoints.getState().load();
  }, [loadInfo]);

  // Browser mode without a usable token, or with nothing answering: say so on the whole page, not as an empty app.
  if (access) return <AccessScreen problem={access} />;

  return (
    <div className="app">
      <TopBar />
      <CoreStatusBanner />
      {screen !== 'settings' && <ErrorNote message={infoError} onRetry={() => void loadInfo()} />}
      <main className="screen" data-screen={screen}>
        <ErrorBoundary key={screen} label={SCREEN_LABELS[screen]}>
          <Suspense fallback={<p className="muted pad">Loading…</p>}>
            {screen === 'captures' && <CapturesScreen />}
            {screen === 'endpoints' && <EndpointsScreen />}
            {screen === 'sender' && <SenderScreen />}
            {screen === 'replay' && <ReplayScreen />}
            {screen === 'tunnel' && <TunnelScreen />}
            {screen === 'settings' && <SettingsScreen />}
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
