/**
 * Proof that the in-page compiler is the guest's tcc: every lab's solution and
 * starter, every labs/examples/ program and the orbit selftests are compiled
 * twice, by tcc.wasm in Node and by tcc in the guest, with the same command.
 * The two must print the same diagnostics and exit codes and write the same
 * bytes; both binaries then run in the guest, and their outputs and exit codes
 * must agree (with numbers masked for the programs that print timings).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellQuote, type Vm } from '../vm';
import { openVm } from '../vm/node';
import { REPO_ROOT } from '../vm/node-assets';
import { labIds, loadLab, loadSolution } from '../labs/load';
import { LabRunner } from '../labs/runner';
import { parseTccCommand } from './command';
import type { TccCompiler } from './compiler';
import { nodeCompiler } from './node';

interface Program {
  name: string;
  files: Record<string, string>;
  /** The build command, a plain tcc call (parseTccCommand). */
  build: string;
  /** Shell text that runs the program, which the build wrote as `output`. */
  run: string;
  timeoutMs: number;
  /** Why the output differs from run to run: then only its text without numbers is compared. */
  varies?: string;
}

const labsDir = path.join(REPO_ROOT, 'labs');
const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/**
 * Programs whose output changes between two runs of the same binary, and why.
 * Of these only the kinds of lines are compared: numbers masked, spacing
 * collapsed, each distinct line once, sorted (threads interleave their lines
 * differently, and a watchdog repeats its line as often as it wakes).
 */
const VARIES: Record<string, string> = {
  '01-deadlock': 'prints wait times, and which transaction a race makes the victim',
  '02-isolation': 'prints measured response times',
  '03-overhead': 'prints measured times',
  '11-watchdog-thread': 'two threads interleave their lines and count ticks',
  '13-watchdog-orbit': 'main and the orbit interleave their lines and count ticks',
  '18-call-cost': 'prints measured times',
  '20-pinned-pages': 'prints resident set sizes, which depend on the page cache',
  'example-page-states': 'prints physical page frame numbers',
  orbit_bench: 'prints measured times',
};

/** Every lab's solution and starter, with the lab's own build and run commands. */
function labPrograms(): Program[] {
  return labIds(labsDir).flatMap((id) => {
    const bundle = loadLab(labsDir, id);
    const { build, run } = bundle.spec;
    if (!build || !run) return [];
    const variants = { solution: loadSolution(labsDir, bundle.spec), starter: bundle.starter };
    return Object.entries(variants).map(([variant, files]) => ({
      name: `${id}-${variant}`,
      files: { ...bundle.starter, ...files },
      build: build.command,
      run: run.command,
      timeoutMs: run.timeoutMs ?? 30_000,
      varies: VARIES[id],
    }));
  });
}

/** labs/examples/ and the orbit selftests, laid out as in the repository so their includes resolve. */
function otherPrograms(): Program[] {
  const liborbit = ['orbit.h', 'orbit_nr.h', 'uapi/linux/orbit.h'];
  const selftests = readdirSync(path.join(REPO_ROOT, 'kernel/selftests/orbit')).filter((f) => /\.[ch]$/.test(f));
  const tree = Object.fromEntries([
    ...liborbit.map((f) => [`kernel/liborbit/${f}`, read(`kernel/liborbit/${f}`)]),
    ...selftests.map((f) => [`kernel/selftests/orbit/${f}`, read(`kernel/selftests/orbit/${f}`)]),
  ]);
  const args: Record<string, string> = { orbit_fuzz: ' 7 300', orbit_bench: ' 20 5' };
  const examples = readdirSync(path.join(labsDir, 'examples')).filter((f) => f.endsWith('.c'));
  return [
    ...examples.map((f) => ({
      name: `example-${f.replace(/\.c$/, '')}`,
      files: { [f]: read(`labs/examples/${f}`) },
      build: `tcc -Wall -o prog ${f} -lorbit -lpthread`,
      run: './prog',
      timeoutMs: 30_000,
      varies: VARIES[`example-${f.replace(/\.c$/, '')}`],
    })),
    ...selftests
      .filter((f) => f.endsWith('.c'))
      .map((f) => {
        const name = f.replace(/\.c$/, '');
        return {
          name,
          files: tree,
          build: `tcc -Wall -Ikernel/liborbit -Ikernel/liborbit/uapi -o prog kernel/selftests/orbit/${f} -lorbit -lpthread`,
          run: `./prog${args[name] ?? ''}`,
          timeoutMs: 60_000,
          varies: VARIES[name],
        };
      }),
  ];
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
/** What is compared of an output that varies: its distinct lines, numbers masked and spacing collapsed, sorted. */
function mask(text: string): string {
  const lines = text.split('\n').map((line) => line.replace(/0x[0-9a-f]+|\d+(\.\d+)?/gi, '#').replace(/\s+/g, ' '));
  return [...new Set(lines)].sort().join('\n');
}

let vm: Vm;
let tcc: TccCompiler;

beforeAll(async () => {
  [vm, tcc] = await Promise.all([openVm(), nodeCompiler()]);
});

afterAll(async () => {
  await vm?.destroy();
});

const programs = [...labPrograms(), ...otherPrograms()];

describe.each(programs)('$name', (program) => {
  it('compiles to the same bytes and runs the same with tcc.wasm as with the guest tcc', async () => {
    const command = parseTccCommand(program.build);
    if (!command) throw new Error(`${program.name}: "${program.build}" is not a plain tcc command`);
    const dir = `eq/${program.name}`;
    for (const [name, text] of Object.entries(program.files)) await vm.writeFile(`${dir}/${name}`, text);
    const wasm = await tcc.compile({ args: command.args, files: program.files, output: command.output });
    const guest = await vm.exec(`cd ${shellQuote(dir)} && ${program.build}`, { timeoutMs: 120_000 });
    expect(wasm.output, 'diagnostics').toBe(guest.output);
    expect(wasm.exitCode, 'exit code of the build').toBe(guest.exitCode);
    if (!wasm.binary) return;
    const out = shellQuote(`${dir}/${command.output}`);
    const hashed = await vm.exec(`sha256sum ${out} && mv ${out} ${shellQuote(`${dir}/guest.bin`)}`);
    expect(hashed.output.split(' ')[0], 'the binary').toBe(sha256(wasm.binary));
    await vm.writeFile(`${dir}/wasm.bin`, wasm.binary);
    const runs = [];
    for (const binary of ['guest.bin', 'wasm.bin']) {
      const run = `cp ${binary} ${shellQuote(command.output)} && chmod +x ${shellQuote(command.output)} && ${program.run}`;
      runs.push(await vm.exec(`cd ${shellQuote(dir)} && ${run}`, { timeoutMs: program.timeoutMs }));
    }
    const [fromGuest, fromWasm] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(fromWasm.timedOut || fromGuest.timedOut, 'a run timed out').toBe(false);
    expect(fromWasm.exitCode, 'exit code of the run').toBe(fromGuest.exitCode);
    const shown = (text: string): string => (program.varies ? mask(text) : text);
    expect(shown(fromWasm.output), program.varies ?? 'output').toBe(shown(fromGuest.output));
  }, 300_000);
});

describe('Run with the compiler outside the guest (LabRunner)', () => {
  const bundle = loadLab(labsDir, '00-playground');
  const solution = loadSolution(labsDir, bundle.spec);

  it('runs the program it compiled, as the student', async () => {
    const viaGuest = await new LabRunner(vm, bundle).run(solution);
    const outcome = await new LabRunner(vm, bundle, undefined, tcc).run(solution);
    expect(outcome.build?.result.exitCode).toBe(0);
    expect(outcome.run?.result.output).toBe(viaGuest.run?.result.output);
    expect(outcome.run?.result.exitCode).toBe(0);
    const owner = await vm.exec(`stat -c %U ${shellQuote(`lab/${bundle.spec.id}/hello`)}`);
    expect(owner.output.trim()).toBe('student');
  });

  it('marks compile errors and runs nothing', async () => {
    const [file] = bundle.spec.files as [string];
    const outcome = await new LabRunner(vm, bundle, undefined, tcc).run({ [file]: 'int main(void) { return y; }\n' });
    expect(outcome.run).toBeUndefined();
    expect(outcome.build?.diagnostics).toEqual([{ file, line: 1, severity: 'error', message: "'y' undeclared" }]);
  });

  it('builds in the guest once the compiler failed, and says so once', async () => {
    const failures: unknown[] = [];
    const broken = { compile: () => Promise.reject(new Error('tcc.wasm did not load')) };
    const runner = new LabRunner(vm, bundle, undefined, broken);
    for (let i = 0; i < 2; i++) {
      const outcome = await runner.run(solution, { onFallback: (error) => failures.push(error) });
      expect(outcome.run?.result.exitCode).toBe(0);
    }
    expect(failures).toHaveLength(1);
  });
});
