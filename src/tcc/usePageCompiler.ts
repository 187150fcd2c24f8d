/**
 * React hook: the page's compiler (one Worker for every lab of the page,
 * started by the first lab that renders) and its loading status.
 */
import { useMemo, useSyncExternalStore } from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { startPageCompiler, type CompilerStatus, type PageCompiler } from './browser';

let shared: PageCompiler | null = null;
const noSubscription = () => () => undefined;

export function usePageCompiler(): { compiler: PageCompiler | null; status: CompilerStatus | null } {
  const base = useBaseUrl('/tcc/');
  // Workers exist only in the browser; the server render shows the lab without one.
  const compiler = useMemo(
    () => (typeof window === 'undefined' ? null : (shared ??= startPageCompiler(new URL(base, location.href).href))),
    [base],
  );
  const status = useSyncExternalStore(
    compiler ? compiler.subscribe : noSubscription,
    () => compiler?.status ?? null,
    () => null,
  );
  return { compiler, status };
}
