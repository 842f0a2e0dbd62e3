import { lazy, Suspense, useEffect, type ReactNode } from 'react';
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
/**
 * A screen's code, loaded when it is first opened. A load that fails in the
 * browser means nothing answers at this address any more (serve stopped): the
 * page says so, as it does when a call fails, instead of a broken screen.
 */
function screen<T>(load: () => Promise<T>, pick: (m: T) => () => ReactNode) {
  return lazy(() =>
    load().then(
      (m) => ({ default: pick(m) }),
      (error: unknown) => {
        if (!window.hookscope) useAccess.getState().report('unreachable');
        throw error;
      },
    ),
  );
}

const EndpointsScreen = screen(
  () => import('./endpoints/EndpointsScreen'),
  (m) => m.EndpointsScreen,
);
const SenderScreen = screen(
  () => import('./sender/SenderScreen'),
  (m) => m.SenderScreen,
);
const ReplayScreen = screen(
  () => import('./replay/ReplayScreen'),
  (m) => m.ReplayScreen,
);
const TunnelScreen = screen(
  () => import('./tunnel/TunnelScreen'),
  (m) => m.TunnelScreen,
);
const SettingsScreen = screen(
  () => import('./settings/SettingsScreen'),
  (m) => m.SettingsScreen,
);

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
