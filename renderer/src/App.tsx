import { useEffect } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorNote } from './components/ErrorNote';
import { CapturesScreen } from './captures/CapturesScreen';
import { EndpointsScreen } from './endpoints/EndpointsScreen';
import { useEndpoints } from './endpoints/store';
import { ReplayScreen } from './replay/ReplayScreen';
import { SenderScreen } from './sender/SenderScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { CoreStatusBanner } from './shell/CoreStatusBanner';
import { AccessScreen } from './shell/AccessScreen';
import { useAccess } from './shell/access';
import { TopBar } from './shell/TopBar';
import { TunnelScreen } from './tunnel/TunnelScreen';
import { useLiveEvents } from './shell/useLiveEvents';
import { useApplyTheme } from './theme';
import { useUi } from './ui-store';

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
          {screen === 'captures' && <CapturesScreen />}
          {screen === 'endpoints' && <EndpointsScreen />}
          {screen === 'sender' && <SenderScreen />}
          {screen === 'replay' && <ReplayScreen />}
          {screen === 'tunnel' && <TunnelScreen />}
          {screen === 'settings' && <SettingsScreen />}
        </ErrorBoundary>
      </main>
    </div>
  );
}
