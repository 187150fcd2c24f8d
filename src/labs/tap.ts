/**
 * A TAP (version 13) parser for the output of in-guest tests. Pure: the
 * host decides what a result is worth (points live in lab.json).
 */

export interface TapAssert {
  ok: boolean;
  number: number;
  description: string;
  /** "skip" or "todo" when the line carries that directive. */
  directive?: 'skip' | 'todo';
  /** `#` diagnostic lines that follow the assert. */
  diagnostics: string[];
}

export interface TapResult {
  /** The plan's count, or undefined when no `1..N` line came. */
  planned?: number;
  asserts: TapAssert[];
  /** The reason after "Bail out!", when the test bailed out. */
  bailOut?: string;
  /** Diagnostics before the first assert. */
  diagnostics: string[];
}

const ASSERT = /^(not )?ok\b(?:\s+(\d+))?(?:\s*-)?\s*([^#]*?)\s*(?:#\s*(skip|todo)\b.*)?$/i;
const PLAN = /^1\.\.(\d+)\b/;

/** Parses TAP text; lines that are not TAP (program output) are ignored. */
export function parseTap(text: string): TapResult {
  const result: TapResult = { asserts: [], diagnostics: [] };
  let inYaml = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (inYaml) {
      if (/^\s+\.\.\.$/.test(line)) inYaml = false;
      continue;
    }
    if (/^\s+---$/.test(line)) {
      inYaml = true;
      continue;
    }
    const last = result.asserts.at(-1);
    let m: RegExpExecArray | null;
    if ((m = PLAN.exec(line))) result.planned = Number(m[1]);
    else if ((m = /^Bail out!\s*(.*)$/.exec(line))) result.bailOut = m[1] ?? '';
    else if ((m = /^#\s?(.*)$/.exec(line))) (last ? last.diagnostics : result.diagnostics).push(m[1] ?? '');
    else if ((m = ASSERT.exec(line))) {
      const directive = m[4]?.toLowerCase() as TapAssert['directive'];
      result.asserts.push({
        ok: !m[1],
        number: m[2] ? Number(m[2]) : result.asserts.length + 1,
        description: m[3] ?? '',
        ...(directive && { directive }),
        diagnostics: [],
      });
    }
  }
  return result;
}

/** Why a TAP run did not pass, or undefined when it passed. */
export function tapFailure(tap: TapResult): string | undefined {
  if (tap.bailOut !== undefined) return `bailed out: ${tap.bailOut || 'no reason given'}`;
  if (tap.planned === undefined) return 'the test printed no TAP plan ("1..N"): it may have crashed before finishing';
  const failed = tap.asserts.filter((a) => !a.ok && a.directive !== 'todo');
  if (failed.length > 0) return failed.map((a) => `not ok ${a.number} ${a.description}`.trim()).join('; ');
  if (tap.asserts.length !== tap.planned) return `planned ${tap.planned} asserts but ran ${tap.asserts.length}`;
  return undefined;
}
