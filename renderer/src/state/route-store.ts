import { create } from 'zustand';

export const PAGES = [
  { id: 'labs', title: 'Labs' },
  { id: 'game-days', title: 'Game days' },
  { id: 'terminals', title: 'Terminals' },
  { id: 'history', title: 'History' },
  { id: 'settings', title: 'Settings' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

function fromHash(): PageId {
  const id = location.hash.replace(/^#\/?/, '');
  return (PAGES.find((p) => p.id === id)?.id ?? 'labs') as PageId;
}

/** Hash routing (#/labs): works the same from file:// in Electron and over http in the console. */
export const useRouteStore = create<{ page: PageId; go: (page: PageId) => void }>((set) => {
  window.addEventListener('hashchange', () => set({ page: fromHash() }));
  return {
    page: fromHash(),
    go: (page) => {
      location.hash = `#/${page}`;
      set({ page });
    },
  };
});
