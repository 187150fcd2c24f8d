/**
 * React hook holding the student's files of one lab: initial texts from the
 * browser's storage (else the starter), a save on every change, and the
 * files another tab saved meanwhile (conflicts the student must resolve).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LabBundle } from './load';
import { LabStore, labStorageKey, newTabId, type SavedFile } from './storage';

export interface LabFiles {
  /** Texts the editor starts with. */
  initial: Record<string, string>;
  /** The latest texts (editable files and readonly ones). */
  current: React.RefObject<Record<string, string>>;
  /** Records an edit and saves it, unless another tab saved the file meanwhile. */
  change(path: string, text: string): void;
  /** Files another tab changed, by path: this tab does not save them until resolved. */
  conflicts: Record<string, SavedFile>;
  /** Keeps this tab's text (overwrites the other tab's) or adopts theirs (returns it). */
  resolve(path: string, keep: 'mine' | 'theirs'): string | undefined;
  /** When the last save happened, for "saved" indicators. */
  savedAt: number | undefined;
}

export function useLabFiles(bundle: LabBundle): LabFiles {
  const storageKey = bundle.spec.id;
  const store = useMemo(() => new LabStore(window.localStorage, storageKey, newTabId()), [storageKey]);
  const initial = useMemo(() => {
    const texts: Record<string, string> = { ...bundle.starter };
    for (const f of bundle.spec.files) {
      const saved = store.load(f);
      if (saved) texts[f] = saved.text;
    }
    return texts;
  }, [bundle, store]);
  const current = useRef<Record<string, string>>({ ...initial });
  const [conflicts, setConflicts] = useState<Record<string, SavedFile>>({});
  const [savedAt, setSavedAt] = useState<number>();

  const change = useCallback(
    (path: string, text: string) => {
      current.current[path] = text;
      if (!bundle.spec.files.includes(path)) return;
      const result = store.save(path, text);
      if (result.ok) setSavedAt(Date.now());
      else setConflicts((c) => ({ ...c, [path]: result.conflict }));
    },
    [bundle, store],
  );

  // Another tab saved this lab: flag the files it changed.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== labStorageKey(storageKey)) return;
      const changed: Record<string, SavedFile> = {};
      for (const f of bundle.spec.files) {
        const saved = store.changedElsewhere(f);
        if (saved && saved.text !== current.current[f]) changed[f] = saved;
      }
      if (Object.keys(changed).length > 0) setConflicts((c) => ({ ...c, ...changed }));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [bundle, store, storageKey]);

  const resolve = useCallback(
    (path: string, keep: 'mine' | 'theirs') => {
      setConflicts(({ [path]: _, ...rest }) => rest);
      if (keep === 'mine') {
        store.save(path, current.current[path] ?? '', true);
        return undefined;
      }
      return store.load(path)?.text;
    },
    [store],
  );

  return { initial, current, change, conflicts, resolve, savedAt };
}
