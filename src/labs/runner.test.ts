import { describe, expect, it } from 'vitest';
import { splitRun } from './runner';
import type { ExecResult } from '../vm';

const SEP = 'orbit-build-status-abc123';
const exec = (output: string, exitCode = 0, timedOut = false): ExecResult => ({
  output,
  outputBytes: new TextEncoder().encode(output),
  exitCode,
  timedOut,
});

describe('splitRun', () => {
  it('separates the build output from the program output', () => {
    const outcome = splitRun(exec(`hello.c:3: warning: x\n\n${SEP} 0\nHello\n`, 3), 'tcc', './hello', SEP, ['hello.c']);
    expect(outcome.build?.result).toMatchObject({ output: 'hello.c:3: warning: x\n', exitCode: 0 });
    expect(outcome.build?.diagnostics).toHaveLength(1);
    expect(outcome.run?.result).toMatchObject({ output: 'Hello\n', exitCode: 3, timedOut: false });
  });

  it('stops after a failed build and keeps its status', () => {
    const outcome = splitRun(exec(`hello.c:9: error: y\n${SEP} 1\n`, 1), 'tcc', './hello', SEP, ['hello.c']);
    expect(outcome.build?.result.exitCode).toBe(1);
    expect(outcome.build?.diagnostics[0]).toMatchObject({ line: 9, severity: 'error' });
    expect(outcome.run).toBeUndefined();
  });

  it('blames a timeout on the build when the separator never came', () => {
    const outcome = splitRun(exec('compiling', 137, true), 'tcc', './hello', SEP, ['hello.c']);
    expect(outcome.build?.result).toMatchObject({ output: 'compiling', timedOut: true });
    expect(outcome.run).toBeUndefined();
  });

  it('is not fooled by a program that prints a separator-like line', () => {
    const outcome = splitRun(exec(`\n${SEP} 0\norbit-build-status-000 1\n`), 'tcc', './hello', SEP, ['hello.c']);
    expect(outcome.run?.result.output).toBe('orbit-build-status-000 1\n');
  });
});
