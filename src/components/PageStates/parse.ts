/**
 * The machine-readable output of labs/examples/page-states.c (`--json`):
 * one JSON object per step, each page's frame, mapping count and mark on
 * main's side and on the orbit's, as the program read them from
 * /proc/PID/pagemap and /proc/kpagecount. Other lines (a compiler's
 * warnings) are skipped.
 */

/** How one side maps one page, beside the other side and its own previous step. */
export type Mark = 'shared' | 'copied' | 'new' | 'zero' | 'absent';

export const MARKS: readonly Mark[] = ['shared', 'copied', 'new', 'zero', 'absent'];

/** One side's page: the physical frame (0: none), how many PTEs map it, and its mark. */
export interface SidePage {
  frame: number;
  count: number;
  mark: Mark;
}

export interface PagePair {
  main: SidePage;
  orbit: SidePage;
}

/** The area at one step of the program (e.g. "after a call"). */
export interface PageStep {
  step: string;
  pages: PagePair[];
}

function isMark(value: unknown): value is Mark {
  return typeof value === 'string' && (MARKS as readonly string[]).includes(value);
}

function sidePage(value: unknown, where: string): SidePage {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { frame, count, mark } = v;
  if (
    typeof frame !== 'number' ||
    !Number.isSafeInteger(frame) ||
    typeof count !== 'number' ||
    !Number.isSafeInteger(count) ||
    !isMark(mark)
  ) {
    throw new Error(`${where}: expected {"frame":N,"count":N,"mark":"${MARKS.join('|')}"}`);
  }
  return { frame, count, mark };
}

/** One step from one line of output; throws with the line's number when it is malformed. */
export function parseStepLine(line: string, lineNo: number): PageStep {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`line ${lineNo}: not JSON: ${line.slice(0, 80)}`);
  }
  const v = value as { step?: unknown; pages?: unknown };
  if (typeof v.step !== 'string' || !Array.isArray(v.pages) || v.pages.length === 0) {
    throw new Error(`line ${lineNo}: expected {"step":"…","pages":[…]}`);
  }
  const pages = v.pages.map((p: unknown, i) => {
    const pair = (p ?? {}) as { main?: unknown; orbit?: unknown };
    return {
      main: sidePage(pair.main, `line ${lineNo}, page ${i}, main`),
      orbit: sidePage(pair.orbit, `line ${lineNo}, page ${i}, orbit`),
    };
  });
  return { step: v.step, pages };
}

/** Every step in `output`, in order: the lines that start with `{"step"`. */
export function parsePageStates(output: string): PageStep[] {
  const steps: PageStep[] = [];
  output.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('{"step"')) steps.push(parseStepLine(line, i + 1));
  });
  return steps;
}
