import { describe, expect, it, vi } from 'vitest';
import { chapterSummary, createProgressStore, parseProgress, STORAGE_KEY, type KeyValueStorage } from './store';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}

describe('progress store', () => {
  it('marks a chapter read and unread, persisting to storage', () => {
    const storage = memoryStorage();
    const store = createProgressStore(storage, () => 42);
    store.setRead('ch1', true);
    expect(store.get().chapters.ch1?.readAt).toBe(42);
    expect(createProgressStore(storage).get().chapters.ch1?.readAt).toBe(42);
    store.setRead('ch1', false);
    expect(chapterSummary(createProgressStore(storage).get(), 'ch1').read).toBe(false);
  });

  it('keeps the last result of each quiz question', () => {
    const store = createProgressStore(memoryStorage());
    store.recordQuiz('ch1', 'q1', false);
    store.recordQuiz('ch1', 'q1', true);
    store.recordQuiz('ch1', 'q2', false);
    expect(chapterSummary(store.get(), 'ch1')).toEqual({ read: false, answered: 2, correct: 1 });
  });

  it('keeps quiz results when the read mark changes', () => {
    const store = createProgressStore(memoryStorage());
    store.recordQuiz('ch1', 'q1', true);
    store.setRead('ch1', true);
    store.setRead('ch1', false);
    expect(chapterSummary(store.get(), 'ch1')).toEqual({ read: false, answered: 1, correct: 1 });
  });

  it('resets everything and tells subscribers', () => {
    const storage = memoryStorage();
    const store = createProgressStore(storage);
    const listener = vi.fn();
    store.subscribe(listener);
    store.setRead('ch1', true);
    store.reset();
    expect(store.get().chapters).toEqual({});
    expect(storage.data.has(STORAGE_KEY)).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('stops notifying after unsubscribe', () => {
    const store = createProgressStore(memoryStorage());
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    unsubscribe();
    store.setRead('ch1', true);
    expect(listener).not.toHaveBeenCalled();
  });

  it('picks up changes another tab wrote on reload', () => {
    const storage = memoryStorage();
    const mine = createProgressStore(storage);
    createProgressStore(storage).setRead('ch2', true);
    expect(chapterSummary(mine.get(), 'ch2').read).toBe(false);
    mine.reload();
    expect(chapterSummary(mine.get(), 'ch2').read).toBe(true);
  });

  it('keeps working in memory when storage throws', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const store = createProgressStore(broken);
    store.setRead('ch1', true);
    expect(chapterSummary(store.get(), 'ch1').read).toBe(true);
    store.reset();
    expect(store.get().chapters).toEqual({});
  });
});

describe('parseProgress', () => {
  it('returns empty progress for missing, corrupt or foreign data', () => {
    for (const raw of [null, '', '{', '[]', '{"version":2,"chapters":{}}', '{"version":1}']) {
      expect(parseProgress(raw)).toEqual({ version: 1, chapters: {} });
    }
  });

  it('keeps well-formed entries and drops malformed ones', () => {
    const raw = JSON.stringify({
      version: 1,
      chapters: {
        ok: { readAt: 5, quizzes: { q: { correct: true, at: 1 }, bad: { correct: 'yes' } } },
        broken: 'nope',
      },
    });
    expect(parseProgress(raw)).toEqual({
      version: 1,
      chapters: { ok: { readAt: 5, quizzes: { q: { correct: true, at: 1 } } } },
    });
  });
});
