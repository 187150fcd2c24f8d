import { describe, expect, it, vi } from 'vitest';
import { publishLabSession, subscribeLabSession, type LabSession } from './labSession';

describe('lab sessions', () => {
  it('gives a subscriber the current session, then each change, until it unsubscribes', () => {
    const session = { files: () => ({}) } as unknown as LabSession;
    publishLabSession('02-x', session);
    const listen = vi.fn();
    const stop = subscribeLabSession('02-x', listen);
    expect(listen).toHaveBeenLastCalledWith(session);
    publishLabSession('02-x', null);
    expect(listen).toHaveBeenLastCalledWith(null);
    stop();
    publishLabSession('02-x', session);
    expect(listen).toHaveBeenCalledTimes(2);
  });

  it('keeps labs apart', () => {
    const listen = vi.fn();
    subscribeLabSession('03-y', listen);
    publishLabSession('02-z', { files: () => ({}) } as unknown as LabSession);
    expect(listen).toHaveBeenCalledTimes(1);
    expect(listen).toHaveBeenLastCalledWith(null);
  });
});
