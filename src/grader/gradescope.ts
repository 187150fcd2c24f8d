/**
 * The grader's report in the formats instructors' tools take: Gradescope's
 * results.json (its autograder specification) and one CSV row per
 * submission for a gradebook.
 */
import type { GradeReport } from './report';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: 'visible';
}

export interface GradescopeResults {
  score: number;
  max_score: number;
  execution_time: number;
  output: string;
  tests: GradescopeTest[];
}

/** One line on what happened to the submission as a whole. */
function summary(report: GradeReport): string {
  const lines = [
    `${report.lab.title} (lab ${report.lab.id}, version ${report.lab.version}): ${report.score} / ${report.maxScore} points.`,
  ];
  if (report.build.status === 'failed' || report.build.status === 'timeout') {
    lines.push(`The build ${report.build.status === 'timeout' ? 'timed out' : 'failed'}:`, report.build.output);
  }
  return lines.join('\n');
}

/** results.json for a graded submission. */
export function gradescopeResults(report: GradeReport): GradescopeResults {
  return {
    score: report.score,
    max_score: report.maxScore,
    execution_time: Math.round(report.durationMs / 1000),
    output: summary(report),
    tests: report.tests.map((t, i) => ({
      name: t.title,
      number: String(i + 1),
      score: t.points,
      max_score: t.maxPoints,
      status: t.status === 'passed' ? 'passed' : 'failed',
      output: [t.status === 'passed' ? 'passed' : `${t.status}: ${t.reason ?? ''}`, t.output].join('\n').trim(),
      visibility: 'visible',
    })),
  };
}

/** results.json for a submission that could not be graded: no points, and why. */
export function gradescopeFailure(maxScore: number, why: string): GradescopeResults {
  return { score: 0, max_score: maxScore, execution_time: 0, output: `Not graded: ${why}`, tests: [] };
}

/** One CSV field, quoted when it must be (RFC 4180). */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** grades.csv: a header and one row per submission (an empty score when not graded). */
export function gradesCsv(
  lab: { id: string; version: number; tests: { id: string }[] },
  rows: { submission: string; report?: GradeReport; maxScore: number }[],
): string {
  const header = ['submission', 'lab', 'version', 'score', 'max_score', ...lab.tests.map((t) => t.id)];
  const body = rows.map(({ submission, report, maxScore }) => [
    submission,
    lab.id,
    lab.version,
    report ? report.score : '',
    maxScore,
    ...lab.tests.map((t) => report?.tests.find((r) => r.id === t.id)?.points ?? ''),
  ]);
  return [header, ...body].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
