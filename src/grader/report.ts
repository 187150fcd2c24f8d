/**
 * What grading one submission gives: the same typed report in the browser's
 * Check and in `orbit-lab grade`. Points come from lab.json, never from
 * anything a test or the student's program prints.
 */

/** How one test ended. */
export type TestStatus = 'passed' | 'failed' | 'timeout' | 'crashed' | 'error';

export interface TestResult {
  id: string;
  title: string;
  /** Points earned: maxPoints when passed, else 0. */
  points: number;
  maxPoints: number;
  status: TestStatus;
  /** Why it did not pass, in one line; absent when it passed. */
  reason?: string;
  /** The checker's output, at most OUTPUT_EXCERPT_BYTES, truncation marked. */
  output: string;
  durationMs: number;
}

export interface BuildResult {
  status: 'passed' | 'failed' | 'timeout' | 'skipped';
  output: string;
  durationMs: number;
}

export interface GradeReport {
  lab: { id: string; version: number; title: string };
  score: number;
  maxScore: number;
  build: BuildResult;
  tests: TestResult[];
  durationMs: number;
}

/** The most of a test's output a report keeps. */
export const OUTPUT_EXCERPT_BYTES = 8192;

/** `text` cut to at most `max` UTF-8 bytes, with a note saying how much was cut. */
export function excerpt(text: string, max = OUTPUT_EXCERPT_BYTES): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= max) return text;
  const note = `\n[... ${bytes.length - max} more bytes not shown]\n`;
  const keep = max - new TextEncoder().encode(note).length;
  // A cut inside a multi-byte character decodes to U+FFFD, so drop it.
  const head = new TextDecoder().decode(bytes.subarray(0, keep)).replace(/\uFFFD$/, '');
  return head + note;
}

/** The report without its timings, for comparing two gradings of the same files. */
export function withoutTimings(report: GradeReport): unknown {
  return {
    ...report,
    durationMs: undefined,
    build: { ...report.build, durationMs: undefined },
    tests: report.tests.map((t) => ({ ...t, durationMs: undefined })),
  };
}
