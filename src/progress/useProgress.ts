import { useSyncExternalStore } from 'react';
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import { createProgressStore, emptyProgress, STORAGE_KEY, type Progress, type ProgressStore } from './store';

let store: ProgressStore | undefined;
const serverSnapshot = emptyProgress();

/** The one progress store of this browser tab, kept in sync with other tabs. */
export function progressStore(): ProgressStore {
  if (store) return store;
  if (!ExecutionEnvironment.canUseDOM) return createProgressStore(null);
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  const created = createProgressStore(storage);
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE_KEY || e.key === null) created.reload();
  });
  store = created;
  return created;
}

/** The reader's progress; re-renders when it changes in this or another tab. */
export function useProgress(): Progress {
  const s = progressStore();
  return useSyncExternalStore(s.subscribe, s.get, () => serverSnapshot);
}
