// The grader core: one implementation behind the browser's Check and `orbit-lab grade`.
export { gradeSubmission, type GradeOptions } from './grade';
export { acceptFiles, MAX_FILE_BYTES, SubmissionRejected } from './files';
export {
  excerpt,
  withoutTimings,
  type GradeReport,
  type TestResult,
  type TestStatus,
  type BuildResult,
} from './report';
export { gradescopeFailure, gradescopeResults, gradesCsv, type GradescopeResults } from './gradescope';
