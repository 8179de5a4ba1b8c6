import { create } from 'zustand';

export const PAGES = [
  { id: 'labs', title: 'Labs' },
  { id: 'game-days', title: 'Game days' },
  { id: 'terminals', title: 'Terminals' },
  { id: 'history', title: 'History' },
  { id: 'classes', title: 'Classes' },
  { id: 'bundles', title: 'Bundles' },
  { id: 'settings', title: 'Settings' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

interface Route {
  page: PageId;
  /** The item inside the page, e.g. the lab id in #/labs/redis-streams. */
  param?: string;
}

function fromHash(): Route {
  const [id, param] = location.hash.replace(/^#\/?/, '').split('/');
  const page = (PAGES.find((p) => p.id === id)?.id ?? 'labs') as PageId;
  return { page, param: param ? decodeURIComponent(param) : undefined };
}

/** Hash routing (#/labs, #/labs/<lab>): the same from file:// in Electron and over http in the console. */
export const useRouteStore = create<Route & { go: (page: PageId, param?: string) => void }>((set) => {
  window.addEventListener('hashchange', () => set(fromHash()));
  return {
    ...fromHash(),
    go: (page, param) => {
      location.hash = `#/${page}${param ? `/${encodeURIComponent(param)}` : ''}`;
      set({ page, param });
    },
  };
});
