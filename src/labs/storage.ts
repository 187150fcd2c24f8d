/**
 * The student's work, saved in the browser per lab and file on every edit.
 * Each saved file carries a revision counter; a tab writes only over the
 * revision it last saw, so two tabs on one lab never overwrite each other
 * silently: the second writer gets a conflict and asks the student.
 */

/** The subset of the Web Storage API the store needs (localStorage, or a fake in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SavedFile {
  text: string;
  rev: number;
  /** The tab that saved it. */
  tab: string;
  savedAt: number;
}

export type SaveResult = { ok: true; rev: number } | { ok: false; conflict: SavedFile };

const PREFIX = 'orbit-lab:';

/** The storage key of one lab's files; storage events for this key concern the lab. */
export function labStorageKey(labId: string): string {
  return `${PREFIX}${labId}`;
}

/** Per-lab file store for one tab. */
export class LabStore {
  /** Revision this tab last loaded or saved, per file. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly storage: KeyValueStorage,
    readonly labId: string,
    readonly tab: string,
    private readonly now: () => number = Date.now,
  ) {}

  private readAll(): Record<string, SavedFile> {
    try {
      const value: unknown = JSON.parse(this.storage.getItem(labStorageKey(this.labId)) ?? '{}');
      return value && typeof value === 'object' ? (value as Record<string, SavedFile>) : {};
    } catch {
      return {};
    }
  }

  /** The saved file, or undefined; remembers its revision as seen. */
  load(path: string): SavedFile | undefined {
    const saved = this.readAll()[path];
    this.seen.set(path, saved?.rev ?? 0);
    return saved;
  }

  /** The saved file without marking it seen (to look at another tab's change). */
  peek(path: string): SavedFile | undefined {
    return this.readAll()[path];
  }

  /** The saved file when another tab saved it after this tab last loaded or saved it. */
  changedElsewhere(path: string): SavedFile | undefined {
    const saved = this.peek(path);
    return saved && saved.tab !== this.tab && saved.rev !== (this.seen.get(path) ?? 0) ? saved : undefined;
  }

  /** Saves `text` unless another tab saved a newer revision since this tab last saw the file. */
  save(path: string, text: string, force = false): SaveResult {
    const all = this.readAll();
    const current = all[path];
    const base = this.seen.get(path) ?? 0;
    if (current?.text === text) {
      this.seen.set(path, current.rev);
      return { ok: true, rev: current.rev };
    }
    if (!force && current && current.rev !== base) return { ok: false, conflict: current };
    const rev = Math.max(current?.rev ?? 0, base) + 1;
    all[path] = { text, rev, tab: this.tab, savedAt: this.now() };
    this.storage.setItem(labStorageKey(this.labId), JSON.stringify(all));
    this.seen.set(path, rev);
    return { ok: true, rev };
  }

  /** Forgets every saved file of the lab (the student's explicit choice). */
  clear(): void {
    this.storage.removeItem(labStorageKey(this.labId));
    this.seen.clear();
  }
}

/** A random id for this tab. */
export function newTabId(): string {
  return Math.random().toString(36).slice(2, 10);
}
