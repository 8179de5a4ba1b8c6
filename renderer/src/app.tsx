import { useEffect } from 'react';
import { EngineBadge } from './components/engine-badge';
import { NavBar } from './components/nav-bar';
import { GameDaysPage } from './pages/game-days-page';
import { HistoryPage } from './pages/history-page';
import { LabsPage } from './pages/labs-page';
import { SettingsPage } from './pages/settings-page';
import { TerminalsPage } from './pages/terminals-page';
import { useRouteStore, type PageId } from './state/route-store';
import { useSettingsStore } from './state/settings-store';
import { useJobsStore } from './state/jobs-store';
import { useTheme } from './use-theme';

const PAGE_VIEWS: Record<PageId, () => React.JSX.Element> = {
  labs: LabsPage,
  'game-days': GameDaysPage,
  terminals: TerminalsPage,
  history: HistoryPage,
  settings: SettingsPage,
};

export function App() {
  const page = useRouteStore((s) => s.page);
  const { load, listen } = useSettingsStore();
  const listenJobs = useJobsStore((s) => s.listen);
  useEffect(() => {
    const stop = listen();
    const stopJobs = listenJobs();
    void load();
    return () => {
      stop();
      stopJobs();
    };
  }, [load, listen, listenJobs]);
  useTheme();
  const View = PAGE_VIEWS[page];
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Labdeck</span>
        <EngineBadge />
      </header>
      <NavBar />
      <main className="content">
        <View />
      </main>
    </div>
  );
}
