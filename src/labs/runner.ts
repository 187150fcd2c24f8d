/**
 * Lab actions over the VM interface (browser and Node alike): put the lab
 * into the guest, build the student's files, run the program, run the tests.
 * Everything happens in `<exchange>/lab/<id>/`; student code runs as the
 * unprivileged `student` user.
 */
import type { ExecResult, Vm } from '../vm';
import type { LabBundle } from './load';
import { extractDiagnostics, type Diagnostic } from './markers';
import { checkCommand, scoreCheck, type CheckReport, type TestRun } from './score';
import { randomNonce, shellQuote } from '../vm/protocol';

export interface BuildOutcome {
  command: string;
  result: ExecResult;
  diagnostics: Diagnostic[];
}

export interface RunOutcome {
  build?: BuildOutcome;
  /** Absent when the build failed. */
  run?: { command: string; result: ExecResult };
}

const DEFAULT_BUILD_MS = 30_000;
const DEFAULT_RUN_MS = 10_000;

export class LabRunner {
  private prepared: Promise<void> | null = null;

  constructor(
    private readonly vm: Vm,
    private readonly bundle: LabBundle,
  ) {}

  /** The lab's directory in the guest. */
  get dir(): string {
    return `${this.vm.exchangeDir}/lab/${this.bundle.spec.id}`;
  }

  /**
   * Creates the lab directory (writable by the student) with the readonly files and
   * tests, once per VM; the workspace calls it as soon as the VM is ready, so the
   * first Run does not wait for it. A failed attempt is retried by the next call.
   */
  prepare(): Promise<void> {
    this.prepared ??= this.makeLabDir().catch((error: unknown) => {
      this.prepared = null;
      throw error;
    });
    return this.prepared;
  }

  private async makeLabDir(): Promise<void> {
    const dir = shellQuote(this.dir);
    const made = await this.vm.exec(`mkdir -p ${dir}/tests && chmod 0777 ${dir} ${dir}/tests`, { timeoutMs: 10_000 });
    if (made.exitCode !== 0) throw new Error(`could not create ${this.dir} in the VM: ${made.output.trim()}`);
    const { spec, starter, tests } = this.bundle;
    for (const f of spec.readonly) await this.vm.writeFile(`${this.dir}/${f}`, starter[f] ?? '');
    for (const [f, text] of Object.entries(tests)) await this.vm.writeFile(`${this.dir}/${f}`, text);
  }

  /** Writes the student's editable files into the guest. */
  async writeFiles(files: Record<string, string>): Promise<void> {
    await this.prepare();
    for (const f of this.bundle.spec.files) await this.vm.writeFile(`${this.dir}/${f}`, files[f] ?? '');
  }

  /** Runs the shell text `command` as the student in the lab directory (the agent's sh runs it). */
  private exec(command: string, timeoutMs: number): Promise<ExecResult> {
    return this.vm.exec(command, { timeoutMs, user: 'student', cwd: this.dir });
  }

  /** Builds the files (when the lab has a build step); diagnostics point into lab files. */
  async build(files: Record<string, string>): Promise<BuildOutcome | undefined> {
    await this.writeFiles(files);
    const build = this.bundle.spec.build;
    if (!build) return undefined;
    const result = await this.exec(build.command, build.timeoutMs ?? DEFAULT_BUILD_MS);
    return { command: build.command, result, diagnostics: extractDiagnostics(result.output, this.names()) };
  }

  /**
   * Run: build, then the run command when the build succeeded, in one guest
   * round trip. A random separator line (the program cannot guess it) splits
   * the build's output and status from the program's. The build runs in a
   * subshell (a fork, no extra sh to exec; forks and execs dominate in v86).
   */
  async run(files: Record<string, string>): Promise<RunOutcome> {
    await this.writeFiles(files);
    const { build, run } = this.bundle.spec;
    const runMs = run.timeoutMs ?? DEFAULT_RUN_MS;
    if (!build) return { run: { command: run.command, result: await this.exec(run.command, runMs) } };
    const separator = `orbit-build-status-${randomNonce()}`;
    const script = [
      '(',
      build.command,
      ')',
      `s=$?`,
      `printf '\\n%s %d\\n' ${separator} "$s"`,
      `[ "$s" -eq 0 ] || exit "$s"`,
      run.command,
    ].join('\n');
    const both = await this.exec(script, (build.timeoutMs ?? DEFAULT_BUILD_MS) + runMs);
    return splitRun(both, build.command, run.command, separator, this.names());
  }

  /** Every file name the compiler may point at. */
  private names(): string[] {
    return [...this.bundle.spec.files, ...this.bundle.spec.readonly];
  }

  /** Check: build, then every test (each with its own timeout), scored on the host. */
  async check(
    files: Record<string, string>,
    onTest?: (id: string) => void,
  ): Promise<{ build?: BuildOutcome; report: CheckReport }> {
    const build = await this.build(files);
    const spec = this.bundle.spec;
    const runs: TestRun[] = [];
    if (!build || build.result.exitCode === 0) {
      for (const t of spec.tests) {
        onTest?.(t.id);
        const r = await this.exec(checkCommand(spec, t.id), t.timeoutMs);
        runs.push({ testId: t.id, exitCode: r.exitCode, output: r.output, timedOut: r.timedOut });
      }
    }
    return { build, report: scoreCheck(spec, runs) };
  }
}

/** Splits the output of the combined build-and-run script at the separator line. */
export function splitRun(
  both: ExecResult,
  buildCommand: string,
  runCommand: string,
  separator: string,
  names: readonly string[],
): RunOutcome {
  const encoder = new TextEncoder();
  const result = (output: string, exitCode: number, timedOut: boolean): ExecResult => ({
    output,
    outputBytes: encoder.encode(output),
    exitCode,
    timedOut,
  });
  const match = new RegExp(`\\n${separator} (\\d+)\\n`).exec(both.output);
  if (!match) {
    // The build itself never finished: all output is the build's.
    const build = result(both.output, both.exitCode, both.timedOut);
    return { build: { command: buildCommand, result: build, diagnostics: extractDiagnostics(both.output, names) } };
  }
  const buildOutput = both.output.slice(0, match.index);
  const buildResult = result(buildOutput, Number(match[1]), false);
  const build = { command: buildCommand, result: buildResult, diagnostics: extractDiagnostics(buildOutput, names) };
  if (buildResult.exitCode !== 0) return { build };
  const runOutput = both.output.slice(match.index + match[0].length);
  return { build, run: { command: runCommand, result: result(runOutput, both.exitCode, both.timedOut) } };
}
