/**
 * A lab in the guest, over the VM interface (browser and Node alike): the
 * trusted lab directory, the student's work directory, build, Run and one
 * test. The grader (src/grader/) and the lab workspace both use it.
 *
 * - `/opt/orbit-lab/<id>/` (trustedDir) is root's: tests/ and the readonly
 *   files, always from the lab folder. Checks run there as root.
 * - `<exchange>/lab/<id>/` (workDir) is the student's: the editable files, a
 *   copy of the readonly files and what the build makes. Student code runs
 *   there as `student`, inside the lab's cgroup limits.
 */
import { mark, randomNonce, shellQuote, type ExecResult, type Vm } from '../vm';
import { tarFiles } from '../grader/tar';
import { parseTccCommand, type TccCommand } from '../tcc/command';
import type { CompileRequest, CompileResult } from '../tcc/compiler';
import type { LabBundle } from './load';
import { extractDiagnostics, type Diagnostic } from './markers';
import { labLimits } from './schema';

export interface BuildOutcome {
  command: string;
  result: ExecResult;
  diagnostics: Diagnostic[];
  /** Milliseconds the compiler outside the guest took, when it built this. */
  compileMs?: number;
}

export interface RunOutcome {
  build?: BuildOutcome;
  /** Absent when the build failed. */
  run?: { command: string; result: ExecResult };
}

/** Options of a Run: the build's outcome and the program's output as they come, and a way to stop it. */
export interface RunOptions {
  /** Called once the build has ended (before the program starts, when it succeeded). */
  onBuild?: (build: BuildOutcome) => void;
  /** The program's output as it produces it. */
  onOutput?: (bytes: Uint8Array) => void;
  signal?: AbortSignal;
  /** Called when the runner's compiler failed and this Run (and every later one) builds in the guest. */
  onFallback?: (error: unknown) => void;
}

/**
 * A compiler outside the guest that builds exactly what the guest's tcc builds
 * (src/tcc: tcc.wasm in Node or in the page's Worker). A failure to load it
 * rejects compile(); Run then builds in the guest.
 */
export interface LabCompiler {
  compile(request: CompileRequest): Promise<CompileResult>;
}

/** Where the trusted lab directories live in the guest. */
export const TRUSTED_ROOT = '/opt/orbit-lab';
const DEFAULT_BUILD_MS = 30_000;
const DEFAULT_RUN_MS = 10_000;

export class LabRunner {
  private prepared: Promise<void> | null = null;

  /** Set after the compiler failed once: every later Run builds in the guest. */
  private compilerFailed = false;

  constructor(
    private readonly vm: Vm,
    private readonly bundle: LabBundle,
    private readonly trustedRoot = TRUSTED_ROOT,
    private readonly compiler: LabCompiler | null = null,
  ) {
    // A restore after a hung guest brings back the saved state: the lab is gone.
    vm.on('progress', (p) => {
      if (p.phase === 'recovered') this.forget();
    });
  }

  /** The student's directory in the guest. */
  get workDir(): string {
    return `${this.vm.exchangeDir}/lab/${this.bundle.spec.id}`;
  }

  /** Root's directory of the lab's tests and readonly files in the guest. */
  get trustedDir(): string {
    return `${this.trustedRoot}/${this.bundle.spec.id}`;
  }

  /**
   * Installs the lab in the guest once per VM state: tests and readonly
   * files into trustedDir (owned by root, read-only to others), the readonly
   * files also into workDir (owned by the student). A failed attempt is
   * retried by the next call.
   */
  prepare(): Promise<void> {
    this.prepared ??= this.install().catch((error: unknown) => {
      this.prepared = null;
      throw error;
    });
    return this.prepared;
  }

  /** Forgets the installation, after the guest was reset to its saved state. */
  forget(): void {
    this.prepared = null;
  }

  private async install(): Promise<void> {
    const { spec, starter, tests } = this.bundle;
    const trusted = { ...tests, ...Object.fromEntries(spec.readonly.map((f) => [f, starter[f] ?? ''])) };
    const archive = `.orbit/lab-${randomNonce()}.tar`;
    await this.vm.writeFile(archive, tarFiles(trusted));
    const [t, w, tar] = [shellQuote(this.trustedDir), shellQuote(this.workDir), shellQuote(archive)];
    const readonly = spec.readonly.map((f) => shellQuote(`${this.trustedDir}/${f}`)).join(' ');
    const script = [
      `rm -rf ${t} && mkdir -p ${t} ${w}`,
      `tar -xf ${tar} -C ${t} && rm -f ${tar}`,
      `if [ "$(id -u)" = 0 ]; then chown -R 0:0 ${t}; fi`,
      `chmod -R go-w ${t}`,
      readonly && `cp ${readonly} ${w}/`,
      // The student owns the work directory (the guest has the user; a host stand-in may not).
      `if id student >/dev/null 2>&1; then chown -R student:student ${w}; fi`,
    ].filter(Boolean);
    const made = await this.vm.exec(script.join(' &&\n'), { timeoutMs: 20_000 });
    if (made.exitCode !== 0) throw new Error(`could not install lab ${spec.id} in the VM: ${made.output.trim()}`);
  }

  /** Writes the student's editable files into the work directory. */
  async writeFiles(files: Record<string, string>): Promise<void> {
    await this.prepare();
    for (const f of this.bundle.spec.files) await this.vm.writeFile(`${this.workDir}/${f}`, files[f] ?? '');
  }

  /** Runs shell text as the student in the work directory, within the lab's limits. */
  private asStudent(
    command: string,
    timeoutMs: number,
    stream: Pick<RunOptions, 'onOutput' | 'signal'> = {},
  ): Promise<ExecResult> {
    const { memoryMB, pids } = labLimits(this.bundle.spec);
    return this.vm.exec(command, {
      timeoutMs,
      user: 'student',
      cwd: this.workDir,
      limits: { memoryMB, pids },
      ...stream,
    });
  }

  /** Builds the files (when the lab has a build step); diagnostics point into lab files. */
  async build(files: Record<string, string>): Promise<BuildOutcome | undefined> {
    await this.writeFiles(files);
    const build = this.bundle.spec.build;
    if (!build) return undefined;
    // Bounded by its timeout, not by the lab's CPU budget: see "limits" in labs/README.md.
    const result = await this.asStudent(build.command, build.timeoutMs ?? DEFAULT_BUILD_MS);
    return { command: build.command, result, diagnostics: extractDiagnostics(result.output, this.names()) };
  }

  /**
   * Run: build, then the run command when the build succeeded, in one guest
   * round trip. A random separator line (the program cannot guess it) splits
   * the build's output and status from the program's; only the program's
   * output is streamed to `onOutput`.
   */
  async run(files: Record<string, string>, options: RunOptions = {}): Promise<RunOutcome> {
    const { build, run } = this.bundle.spec;
    const tcc = build && this.compiler && !this.compilerFailed ? parseTccCommand(build.command) : null;
    if (tcc) {
      const outcome = await this.runCompiled(files, tcc, options);
      if (outcome) return outcome;
    }
    await this.writeFiles(files);
    const runMs = run.timeoutMs ?? DEFAULT_RUN_MS;
    const { onBuild, onOutput, signal } = options;
    if (!build) {
      return { run: { command: run.command, result: await this.asStudent(run.command, runMs, { onOutput, signal }) } };
    }
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
    const names = this.names();
    const split = afterSeparator(separator, {
      onBuild: (output, status) => onBuild?.(buildOutcome(build.command, output, status, names)),
      onOutput: (bytes) => onOutput?.(bytes),
    });
    const timeoutMs = (build.timeoutMs ?? DEFAULT_BUILD_MS) + runMs;
    const both = await this.asStudent(script, timeoutMs, { onOutput: split, signal });
    return splitRun(both, build.command, run.command, separator, names);
  }

  /**
   * Run with the compiler outside the guest: compile the lab's files there, then
   * write only the program into the work directory and run it as the student.
   * Undefined when the compiler failed (it is then not tried again).
   */
  private async runCompiled(
    files: Record<string, string>,
    tcc: TccCommand,
    { onBuild, onOutput, signal, onFallback }: RunOptions,
  ): Promise<RunOutcome | undefined> {
    const { spec, starter } = this.bundle;
    const { build, run } = spec;
    if (!build || !this.compiler) return undefined;
    mark('orbit:run:start');
    const sources = Object.fromEntries([
      ...spec.readonly.map((f) => [f, starter[f] ?? '']),
      ...spec.files.map((f) => [f, files[f] ?? '']),
    ]);
    const [compiled] = await Promise.all([
      this.compiler
        .compile({ args: tcc.args, files: sources, output: tcc.output, cwd: this.workDir })
        .catch((error: unknown) => {
          this.compilerFailed = true;
          onFallback?.(error);
          return undefined;
        }),
      this.prepare(),
    ]);
    if (!compiled) return undefined;
    mark('orbit:run:compiled');
    const outcome = {
      ...buildOutcome(build.command, compiled.output, compiled.exitCode, this.names()),
      compileMs: compiled.ms,
    };
    onBuild?.(outcome);
    if (!compiled.binary) return { build: outcome };
    await this.vm.writeFile(`${this.workDir}/${tcc.output}`, compiled.binary);
    mark('orbit:run:written');
    const script = `chmod 755 ${shellQuote(tcc.output)} || exit 126\n${run.command}`;
    const result = await this.asStudent(script, run.timeoutMs ?? DEFAULT_RUN_MS, { onOutput, signal });
    mark('orbit:run:exited');
    return { build: outcome, run: { command: run.command, result } };
  }

  /** Runs test `testId`'s check command as root in the trusted directory. */
  test(testId: string, timeoutMs: number): Promise<ExecResult> {
    const { spec } = this.bundle;
    if (!spec.check) throw new Error(`lab ${spec.id} has no check command`);
    const limits = labLimits(spec);
    const env = {
      ORBIT_LAB: this.trustedDir,
      ORBIT_WORK: this.workDir,
      ORBIT_TEST: testId,
      ORBIT_LIMIT_MEMORY_MB: String(limits.memoryMB),
      ORBIT_LIMIT_PIDS: String(limits.pids),
      ORBIT_LIMIT_CPU_MS: String(limits.cpuMs),
    };
    const exports = Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`);
    const command = spec.check.command.split('{test}').join(testId);
    return this.vm.exec([...exports, command].join('\n'), { timeoutMs, cwd: this.trustedDir });
  }

  /** Every file name the compiler may point at. */
  private names(): string[] {
    return [...this.bundle.spec.files, ...this.bundle.spec.readonly];
  }
}

/**
 * Splits a Run's output stream at the separator line: the build's output and
 * status go to onBuild once the line has come (it may span chunks), what
 * follows (the program's output) to onOutput.
 */
export function afterSeparator(
  separator: string,
  to: { onBuild: (output: string, status: number) => void; onOutput: (bytes: Uint8Array) => void },
): (bytes: Uint8Array) => void {
  const marker = new RegExp(`\\n${separator} (\\d+)\\n`);
  const decoder = new TextDecoder();
  let pending = '';
  let passed = false;
  return (bytes) => {
    if (passed) return to.onOutput(bytes);
    pending += decoder.decode(bytes, { stream: true });
    const match = marker.exec(pending);
    if (!match) return;
    passed = true;
    to.onBuild(pending.slice(0, match.index), Number(match[1]));
    const rest = pending.slice(match.index + match[0].length);
    pending = '';
    if (rest) to.onOutput(new TextEncoder().encode(rest));
  };
}

/** A finished build's outcome from its output and status. */
function buildOutcome(command: string, output: string, exitCode: number, names: readonly string[]): BuildOutcome {
  const result = { output, outputBytes: new TextEncoder().encode(output), exitCode, timedOut: false, stopped: false };
  return { command, result, diagnostics: extractDiagnostics(output, names) };
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
    stopped: both.stopped,
  });
  const match = new RegExp(`\\n${separator} (\\d+)\\n`).exec(both.output);
  if (!match) {
    // The build itself never finished: all output is the build's.
    const build = result(both.output, both.exitCode, both.timedOut);
    return { build: { command: buildCommand, result: build, diagnostics: extractDiagnostics(both.output, names) } };
  }
  const build = buildOutcome(buildCommand, both.output.slice(0, match.index), Number(match[1]), names);
  if (build.result.exitCode !== 0) return { build };
  const runOutput = both.output.slice(match.index + match[0].length);
  return { build, run: { command: runCommand, result: result(runOutput, both.exitCode, both.timedOut) } };
}
