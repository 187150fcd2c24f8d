import { describe, expect, it } from 'vitest';
import { extractDiagnostics } from './markers';

describe('extractDiagnostics', () => {
  const files = ['hello.c', 'src/list.c', 'greeting.h'];

  it('reads tcc errors and warnings on lab files', () => {
    const out = [
      "hello.c:7: error: 'x' undeclared",
      '/mnt/host/lab/00-playground/src/list.c:12: warning: assignment makes pointer from integer',
      'In file included from hello.c:2:',
      './greeting.h:3: error: \';\' expected (got "}")',
      "tcc: error: undefined symbol 'foo'",
    ].join('\n');
    expect(extractDiagnostics(out, files)).toEqual([
      { file: 'hello.c', line: 7, severity: 'error', message: "'x' undeclared" },
      { file: 'src/list.c', line: 12, severity: 'warning', message: 'assignment makes pointer from integer' },
      { file: 'greeting.h', line: 3, severity: 'error', message: '\';\' expected (got "}")' },
    ]);
  });

  it('reads gcc columns and ignores files outside the lab', () => {
    const out = 'hello.c:4:5: error: expected ; before return\n/usr/include/stdio.h:1: error: boom\n';
    expect(extractDiagnostics(out, files)).toEqual([
      { file: 'hello.c', line: 4, column: 5, severity: 'error', message: 'expected ; before return' },
    ]);
  });
});
