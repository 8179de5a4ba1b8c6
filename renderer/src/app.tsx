import { useEffect } from 'react';
import { AlertsStatus } from './components/alerts-status';
import { EngineBadge } from './components/engine-badge';
import { NavBar } from './components/nav-bar';
import { GameDaysPage } from './pages/game-days-page';
import { HistoryPage } from './pages/history-page';
import { LabsPage } from './pages/labs-page';
import { SettingsPage } from './pages/settings-page';
import { TerminalsPage } from './pages/terminals-page';
import { ClassesPage } from './pages/classes-page';
import { SeatBanner } from './classes/seat-banner';
import { useRouteStore, type PageId } from './state/route-store';
import { useSettingsStore } from './state/settings-store';
import { useJobsStore } from './state/jobs-store';
import { useLabEventsStore } from './state/lab-events-store';
import { useTheme } from './use-theme';

const PAGE_VIEWS: Record<PageId, () => React.JSX.Element> = {
  labs: LabsPage,
  'game-days': GameDaysPage,
  terminals: TerminalsPage,
  history: HistoryPage,
  classes: ClassesPage,
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
        <View />
      </main>
      <footer className="statusbar" aria-label="Status bar">
        <AlertsStatus />
      </footer>
    </div>
  );
}
