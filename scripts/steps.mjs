// The steps of `npm test`, in order. Each is an npm script, so it can also be
// run alone. `programs` maps every program the step's tests run (beyond the
// ESSENTIAL ones every Debian has) to the Debian package that provides it;
// npm test installs those packages, and scripts/programs.test.ts fails when a
// test calls a program no step declares.

/** Programs every Debian or Ubuntu system has (essential packages), and Node itself. */
export const ESSENTIAL = [
  'sh',
  'bash',
  'node',
  'npm',
  'tar',
  'timeout',
  'head',
  'sed',
  'cat',
  'mktemp',
  'dpkg-query',
  'apt-get',
];

export const STEPS = [
  { name: 'format, lint, typecheck', script: 'check', programs: { git: 'git' } },
  {
    name: 'unit and content tests (labs graded on the host with tcc)',
    script: 'test:unit',
    programs: { tcc: 'tcc', cc: 'gcc', git: 'git' },
    debian: ['libc6-dev'],
  },
  { name: 'VM tests (Node, the real image: VM, CLI, grader, labs)', script: 'test:vm', programs: {} },
  { name: 'orbit kernel tests (selftests, 10,000 cycles, fuzz)', script: 'test:kernel', programs: {} },
  { name: 'production build (en, ja; broken links fail it)', script: 'build', programs: {} },
  {
    name: 'browser tests (the build in Chromium)',
    script: 'test:e2e',
    programs: { chromium: 'chromium' },
    // Without a CJK font, headless Chromium draws every Japanese character as an empty box.
    debian: ['fonts-noto-cjk'],
  },
];

/** The Debian packages step `step` needs. */
export function stepPackages(step) {
  return [...new Set([...Object.values(step.programs), ...(step.debian ?? [])])];
}
