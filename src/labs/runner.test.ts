import { describe, expect, it } from 'vitest';
import { afterSeparator, splitRun } from './runner';
import type { ExecResult } from '../vm';

const SEP = 'orbit-build-status-abc123';
const exec = (output: string, exitCode = 0, timedOut = false): ExecResult => ({
  output,
  outputBytes: new TextEncoder().encode(output),
  exitCode,
  timedOut,
  stopped: false,
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

describe('afterSeparator', () => {
  const collect = () => {
    const seen: string[] = [];
    const builds: [string, number][] = [];
    const decoder = new TextDecoder();
    const push = afterSeparator(SEP, {
      onBuild: (output, status) => builds.push([output, status]),
      onOutput: (b) => seen.push(decoder.decode(b)),
    });
    return { seen, builds, push };
  };
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('passes on only what follows the separator line, even when it spans chunks', () => {
    const { seen, builds, push } = collect();
    push(bytes('hello.c:1: warning\n\norbit-build-'));
    push(bytes('status-abc123 0\nHel'));
    push(bytes('lo\n'));
    expect(builds).toEqual([['hello.c:1: warning\n', 0]]);
    expect(seen.join('')).toBe('Hello\n');
  });

  it('passes nothing while the build still runs', () => {
    const { seen, builds, push } = collect();
    push(bytes('compiling...\n'));
    expect(seen).toEqual([]);
    expect(builds).toEqual([]);
  });
});
