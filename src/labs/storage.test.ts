import { describe, expect, it } from 'vitest';
import { LabStore, labStorageKey, type KeyValueStorage } from './storage';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('LabStore', () => {
  it('saves per lab and file and loads after a "reload"', () => {
    const storage = memoryStorage();
    const tab = new LabStore(storage, '00-a', 't1', () => 5);
    expect(tab.load('x.c')).toBeUndefined();
    expect(tab.save('x.c', 'one')).toEqual({ ok: true, rev: 1 });
    expect(tab.save('x.c', 'two')).toEqual({ ok: true, rev: 2 });
    const reloaded = new LabStore(storage, '00-a', 't2');
    expect(reloaded.load('x.c')).toEqual({ text: 'two', rev: 2, tab: 't1', savedAt: 5 });
    expect(new LabStore(storage, '00-b', 't3').load('x.c')).toBeUndefined();
    expect([...storage.data.keys()]).toEqual([labStorageKey('00-a')]);
  });

  it('refuses to overwrite what another tab saved since this tab looked', () => {
    const storage = memoryStorage();
    const a = new LabStore(storage, '00-a', 'a');
    const b = new LabStore(storage, '00-a', 'b');
    a.load('x.c');
    b.load('x.c');
    expect(a.save('x.c', 'from a').ok).toBe(true);
    const result = b.save('x.c', 'from b');
    expect(result).toEqual({ ok: false, conflict: expect.objectContaining({ text: 'from a', tab: 'a' }) });
    expect(b.changedElsewhere('x.c')?.text).toBe('from a');
    expect(a.changedElsewhere('x.c')).toBeUndefined();
    expect(b.peek('x.c')?.text).toBe('from a');
    expect(b.save('x.c', 'from b', true).ok).toBe(true);
    expect(a.save('x.c', 'a again').ok).toBe(false);
    a.load('x.c');
    expect(a.save('x.c', 'a again').ok).toBe(true);
  });

  it('treats an identical text from another tab as no conflict', () => {
    const storage = memoryStorage();
    const a = new LabStore(storage, '00-a', 'a');
    const b = new LabStore(storage, '00-a', 'b');
    a.save('x.c', 'same');
    expect(b.save('x.c', 'same').ok).toBe(true);
  });

  it('survives garbage in storage and clears a lab', () => {
    const storage = memoryStorage();
    storage.setItem(labStorageKey('00-a'), '{not json');
    const a = new LabStore(storage, '00-a', 'a');
    expect(a.load('x.c')).toBeUndefined();
    a.save('x.c', 'y');
    a.clear();
    expect(storage.data.size).toBe(0);
  });
});
