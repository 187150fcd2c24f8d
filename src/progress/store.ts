/**
 * The reader's progress, kept in the browser: which chapters are marked read
 * and how each quiz question was last answered. Pure TypeScript over a
 * Storage-like object so it can be tested without a browser; a broken or
 * missing storage degrades to memory instead of failing the page.
 */

export const STORAGE_KEY = 'orbit-textbook:progress:v1';

export interface QuizResult {
  correct: boolean;
  at: number;
}

export interface ChapterProgress {
  /** When the chapter was marked read (ms since epoch), absent when not read. */
  readAt?: number;
  quizzes: Record<string, QuizResult>;
}

export interface Progress {
  version: 1;
  chapters: Record<string, ChapterProgress>;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const emptyProgress = (): Progress => ({ version: 1, chapters: {} });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseChapter(v: unknown): ChapterProgress | undefined {
  if (!isRecord(v)) return undefined;
  const quizzes: Record<string, QuizResult> = {};
  if (isRecord(v.quizzes)) {
    for (const [id, r] of Object.entries(v.quizzes)) {
      if (isRecord(r) && typeof r.correct === 'boolean' && typeof r.at === 'number') {
        quizzes[id] = { correct: r.correct, at: r.at };
      }
    }
  }
  const chapter: ChapterProgress = { quizzes };
  if (typeof v.readAt === 'number') chapter.readAt = v.readAt;
  return chapter;
}

/** Parses stored JSON, keeping every well-formed entry and dropping the rest. */
export function parseProgress(raw: string | null): Progress {
  if (!raw) return emptyProgress();
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return emptyProgress();
  }
  if (!isRecord(data) || data.version !== 1 || !isRecord(data.chapters)) return emptyProgress();
  const progress = emptyProgress();
  for (const [id, c] of Object.entries(data.chapters)) {
    const chapter = parseChapter(c);
    if (chapter) progress.chapters[id] = chapter;
  }
  return progress;
}

export interface ProgressStore {
  get(): Progress;
  setRead(docId: string, read: boolean): void;
  recordQuiz(docId: string, quizId: string, correct: boolean): void;
  reset(): void;
  /** Re-reads storage, e.g. after another tab changed it. */
  reload(): void;
  subscribe(listener: () => void): () => void;
}

/** A store over `storage` (null: memory only). `now` is injectable for tests. */
export function createProgressStore(storage: KeyValueStorage | null, now: () => number = Date.now): ProgressStore {
  const read = (): Progress => {
    try {
      return parseProgress(storage?.getItem(STORAGE_KEY) ?? null);
    } catch {
      return emptyProgress();
    }
  };
  let state = read();
  const listeners = new Set<() => void>();

  const commit = (next: Progress) => {
    state = next;
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage full or disabled: keep the progress in memory for this visit.
    }
    listeners.forEach((l) => l());
  };

  const chapter = (docId: string): ChapterProgress => state.chapters[docId] ?? { quizzes: {} };

  return {
    get: () => state,
    setRead(docId, isRead) {
      const { readAt: _old, ...rest } = chapter(docId);
      const next: ChapterProgress = isRead ? { ...rest, readAt: now() } : rest;
      commit({ ...state, chapters: { ...state.chapters, [docId]: next } });
    },
    recordQuiz(docId, quizId, correct) {
      const c = chapter(docId);
      const next = { ...c, quizzes: { ...c.quizzes, [quizId]: { correct, at: now() } } };
      commit({ ...state, chapters: { ...state.chapters, [docId]: next } });
    },
    reset() {
      try {
        storage?.removeItem(STORAGE_KEY);
      } catch {
        // Nothing stored to remove.
      }
      state = emptyProgress();
      listeners.forEach((l) => l());
    },
    reload() {
      state = read();
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Summary numbers for one chapter, as the progress page and sidebar show them. */
export function chapterSummary(
  progress: Progress,
  docId: string,
): { read: boolean; answered: number; correct: number } {
  const c = progress.chapters[docId];
  const results = Object.values(c?.quizzes ?? {});
  return { read: c?.readAt !== undefined, answered: results.length, correct: results.filter((r) => r.correct).length };
}
