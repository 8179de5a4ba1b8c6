import { lazy, Suspense, useEffect } from 'react';
import { AlertsStatus } from './components/alerts-status';
import { EngineBadge } from './components/engine-badge';
import { NavBar } from './components/nav-bar';
import { LabsPage } from './pages/labs-page';
import { SeatBanner } from './classes/seat-banner';
import { useRouteStore, type PageId } from './state/route-store';
import { useSettingsStore } from './state/settings-store';
import { useJobsStore } from './state/jobs-store';
import { useLabEventsStore } from './state/lab-events-store';
import { useTheme } from './use-theme';

// The Labs page is the first one painted; the others (xterm, the run room, history) load when opened.
const GameDaysPage = lazy(() => import('./pages/game-days-page').then((m) => ({ default: m.GameDaysPage })));
const TerminalsPage = lazy(() => import('./pages/terminals-page').then((m) => ({ default: m.TerminalsPage })));
const HistoryPage = lazy(() => import('./pages/history-page').then((m) => ({ default: m.HistoryPage })));
const SettingsPage = lazy(() => import('./pages/settings-page').then((m) => ({ default: m.SettingsPage })));
const BundlesPage = lazy(() => import('./pages/bundles-page').then((m) => ({ default: m.BundlesPage })));
const ClassesPage = lazy(() => import('./pages/classes-page').then((m) => ({ default: m.ClassesPage })));

const PAGE_VIEWS: Record<PageId, React.ComponentType> = {
  labs: LabsPage,
  'game-days': GameDaysPage,
  terminals: TerminalsPage,
  history: HistoryPage,
  classes: ClassesPage,
  bundles: BundlesPage,
  settings: SettingsPage,
};

export function App() {
  const page = useRouteStore((s) => s.page);
  const { load, listen } = useSettingsStore();
  const listenJobs = useJobsStore((s) => s.listen);
  const listenLabEvents = useLabEventsStore((s) => s.listen);
  useEffect(() => {
    const stop = listen();
    const stopJobs = listenJobs();
    const stopLabEvents = listenLabEvents();
    void load();
    return () => {
      stop();
      stopJobs();
      stopLabEvents();
    };
  }, [load, listen, listenJobs, listenLabEvents]);
  useTheme();
  const View = PAGE_VIEWS[page];
  const trainee = useSettingsStore((s) => s.app?.role === 'trainee');
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Labdeck</span>
        <EngineBadge />
      </header>
      <NavBar />
      <main className="content">
        {trainee ? <SeatBanner /> : null}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <View />
        </Suspense>
      </main>
      <footer className="statusbar" aria-label="Status bar">
        <AlertsStatus />
      </footer>
    </div>
  );
}
