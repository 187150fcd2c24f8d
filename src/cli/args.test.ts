import { describe, expect, it } from 'vitest';
import { parseInvocation } from './args';

describe('parseInvocation', () => {
  it('parses exec with every option', () => {
    const parsed = parseInvocation([
      'exec',
      '--put',
      'a.c:/tmp/a.c',
      '--put',
      'b.c:b.c',
      '--get',
      '/tmp/a.out:out/a.out',
      '--timeout',
      '2.5',
      '--user',
      'student',
      '--',
      'sh',
      '-c',
      'exit 7',
    ]);
    expect(parsed).toEqual({
      kind: 'exec',
      command: ['sh', '-c', 'exit 7'],
      puts: [
        { local: 'a.c', guest: '/tmp/a.c' },
        { local: 'b.c', guest: 'b.c' },
      ],
      gets: [{ guest: '/tmp/a.out', local: 'out/a.out' }],
      timeoutMs: 2500,
      user: 'student',
      cold: false,
    });
  });

  it('passes options after -- to the guest command', () => {
    const parsed = parseInvocation(['exec', '--', 'ls', '--help', '--', '-x']);
    expect(parsed).toMatchObject({
      kind: 'exec',
      command: ['ls', '--help', '--', '-x'],
      user: 'root',
      timeoutMs: 60_000,
    });
  });

  it('gives help for no arguments, --help and COMMAND --help', () => {
    expect(parseInvocation([])).toMatchObject({ kind: 'help', text: expect.stringContaining('Commands:') });
    expect(parseInvocation(['exec', '--help'])).toMatchObject({ kind: 'help', text: expect.stringContaining('--put') });
    expect(parseInvocation(['shell', '-h'])).toMatchObject({ kind: 'help', text: expect.stringContaining('Ctrl-]') });
  });

  it('reports usage errors with a reason', () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command/],
      [['exec'], /no command/],
      [['exec', 'uname'], /put "--" before/],
      [['exec', '--user', 'admin', '--', 'id'], /--user must be/],
      [['exec', '--timeout', '0', '--', 'id'], /--timeout/],
      [['exec', '--timeout', 'soon', '--', 'id'], /--timeout/],
      [['exec', '--put', 'nocolon', '--', 'id'], /--put needs LOCAL:GUEST/],
      [['exec', '--get', ':x', '--', 'id'], /--get needs GUEST:LOCAL/],
      [['exec', '--bogus', '--', 'id'], /bogus/],
      [['shell', 'extra'], /extra/],
    ];
    for (const [argv, reason] of cases) {
      const parsed = parseInvocation(argv);
      expect(parsed.kind, argv.join(' ')).toBe('usage-error');
      if (parsed.kind === 'usage-error') expect(parsed.message).toMatch(reason);
    }
  });
});
