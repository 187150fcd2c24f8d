/**
 * Mounted inside the lab workspace, it makes the workspace's VM, runner and
 * files available to <LabResults> elsewhere on the page. The workspace
 * renders, next to its other children:
 *
 *   <PublishLabSession id={spec.id} vm={vm} runner={runner} files={() => files.current.current} />
 */
import { useEffect, useRef } from 'react';
import type { Vm } from '../../vm';
import type { LabRunner } from '../../labs/runner';
import { publishLabSession } from '../../labs/labSession';

export default function PublishLabSession({
  id,
  vm,
  runner,
  files,
}: {
  id: string;
  vm: Vm | null;
  runner: LabRunner | null;
  files: () => Record<string, string>;
}): null {
  // The latest getter, so the session is republished only when the VM or the runner changes.
  const latest = useRef(files);
  useEffect(() => {
    latest.current = files;
  });
  useEffect(() => {
    publishLabSession(id, vm && runner ? { vm, runner, files: () => latest.current() } : null);
    return () => publishLabSession(id, null);
  }, [id, vm, runner]);
  return null;
}
