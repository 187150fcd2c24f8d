/**
 * The live lab of a page, for components outside the workspace that run
 * commands in the same VM (the results of lab 2's matrix, lab 3's plots).
 * The workspace publishes its runner when the VM is ready and withdraws it
 * on unmount; subscribers get the current session at once and each change.
 */
import { useEffect, useState } from 'react';
import type { Vm } from '../vm';
import type { LabRunner } from './runner';

export interface LabSession {
  vm: Vm;
  runner: LabRunner;
  /** The reader's files as they are in the editor now. */
  files: () => Record<string, string>;
}

const sessions = new Map<string, LabSession>();
const listeners = new Map<string, Set<(s: LabSession | null) => void>>();

/** Publishes (or, with null, withdraws) the session of lab `id`. */
export function publishLabSession(id: string, session: LabSession | null): void {
  if (session) sessions.set(id, session);
  else sessions.delete(id);
  for (const listen of listeners.get(id) ?? []) listen(session);
}

/** Calls `listen` with lab `id`'s session now and at each change; returns the unsubscribe. */
export function subscribeLabSession(id: string, listen: (s: LabSession | null) => void): () => void {
  const set = listeners.get(id) ?? new Set();
  listeners.set(id, set);
  set.add(listen);
  listen(sessions.get(id) ?? null);
  return () => set.delete(listen);
}

/** The session of lab `id`, or null while its workspace has no VM. */
export function useLabSession(id: string): LabSession | null {
  const [session, setSession] = useState<LabSession | null>(null);
  useEffect(() => subscribeLabSession(id, setSession), [id]);
  return session;
}
