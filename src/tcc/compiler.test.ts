// The in-page compiler in Node (no VM): what it returns for good and bad
// programs and for bad requests. That its programs behave like the guest's is
// proven in the guest by equivalence.vm.test.ts.
import { describe, expect, it } from 'vitest';
import { extractDiagnostics } from '../labs/markers';
import { parseTccCommand } from './command';
import { nodeCompiler } from './node';
import { readTar } from './tar';

const HELLO = '#include <stdio.h>\n#include <orbit.h>\nint main(void) { puts("hi"); return 0; }\n';

describe('TccCompiler', () => {
  it('links an i386 Linux executable against the guest libraries', async () => {
    const tcc = await nodeCompiler();
    const r = await tcc.compile({
      args: ['-Wall', '-o', 'hello', 'hello.c'],
      files: { 'hello.c': HELLO },
      output: 'hello',
    });
    expect(r.output).toBe('');
    expect(r.exitCode).toBe(0);
    const elf = r.binary ?? new Uint8Array();
    expect([...elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(elf[4], 'ELFCLASS32').toBe(1);
    expect(new DataView(elf.buffer, elf.byteOffset).getUint16(18, true), 'EM_386').toBe(3);
    expect(new TextDecoder().decode(elf)).toContain('/lib/ld-linux.so.2');
  }, 30_000);

  it('reports errors as file:line: error: lines the editor marks', async () => {
    const tcc = await nodeCompiler();
    const files = {
      'main.c': '#include "part.h"\nint main(void) { return f(); }\n',
      'part.h': 'int f(void) { return y; }\n',
    };
    const r = await tcc.compile({ args: ['-o', 'p', 'main.c'], files, output: 'p' });
    expect(r.exitCode).not.toBe(0);
    expect(r.binary).toBeUndefined();
    expect(extractDiagnostics(r.output, Object.keys(files))).toEqual([
      { file: 'part.h', line: 1, severity: 'error', message: "'y' undeclared" },
    ]);
  }, 30_000);

  it('reports an undefined symbol at link time', async () => {
    const tcc = await nodeCompiler();
    const files = { 'm.c': 'double sqrt(double);\nint main(void) { return sqrt(4.0); }\n' };
    const r = await tcc.compile({ args: ['-o', 'm', 'm.c'], files, output: 'm' });
    expect(r.output).toContain("undefined symbol 'sqrt'");
    const linked = await tcc.compile({ args: ['-o', 'm', 'm.c', '-lm'], files, output: 'm' });
    expect(linked.exitCode).toBe(0);
  }, 30_000);

  it('rejects file names outside the working directory', async () => {
    const tcc = await nodeCompiler();
    const bad = { args: ['x.c'], files: { '../usr/include/stdio.h': '' }, output: 'a.out' };
    await expect(tcc.compile(bad)).rejects.toThrow(/not a path inside/);
    await expect(tcc.compile({ args: ['x.c'], files: {}, output: '/etc/passwd' })).rejects.toThrow(/not a path inside/);
  });
});

describe('parseTccCommand', () => {
  it('takes plain tcc calls and their output', () => {
    expect(parseTccCommand('tcc -Wall -o hello hello.c')).toEqual({
      args: ['-Wall', '-o', 'hello', 'hello.c'],
      output: 'hello',
    });
    expect(parseTccCommand('tcc x.c -lorbit -lpthread')?.output).toBe('a.out');
  });

  it('leaves shell syntax, other compilers and non-linking calls to the guest', () => {
    for (const command of [
      'gcc -o a a.c',
      'tcc -o a *.c',
      'tcc -o a a.c && ./a',
      'tcc -c a.c',
      'tcc -o "a b" a.c',
      'tcc a.c -o',
      'tcc -run a.c',
    ]) {
      expect(parseTccCommand(command), command).toBeNull();
    }
  });
});

describe('readTar', () => {
  it('rejects what is not a ustar archive', () => {
    expect(() => readTar(new Uint8Array(512).fill(1))).toThrow(/no ustar header/);
    expect(readTar(new Uint8Array(1024))).toEqual([]);
  });
});
