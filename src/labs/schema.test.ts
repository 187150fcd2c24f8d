import { describe, expect, it } from 'vitest';
import { localTitle, parseLabSpec } from './schema';

const good = {
  id: '01-demo',
  title: 'Demo',
  version: 1,
  files: ['main.c'],
  run: { command: './main' },
  check: { command: 'sh tests/t.sh {test}' },
  tests: [{ id: 'works', title: 'works', points: 5, timeoutMs: 5000 }],
};

function problems(spec: unknown): string {
  try {
    parseLabSpec(JSON.stringify(spec), 'labs/01-demo/lab.json');
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('lab spec schema', () => {
  it('accepts a minimal spec and defaults readonly to none', () => {
    expect(parseLabSpec(JSON.stringify(good), 'x').readonly).toEqual([]);
  });

  it('names the file, the field and the fix', () => {
    const message = problems({ ...good, files: ['../etc/passwd'], tests: [{ ...good.tests[0], points: 'five' }] });
    expect(message).toContain('labs/01-demo/lab.json is not a valid lab spec');
    expect(message).toMatch(/field "files.0": use a relative path/);
    expect(message).toMatch(/field "tests.0.points"/);
    expect(message).toContain('labs/README.md');
  });

  it('requires {test} in the check command, unique test ids and no unknown fields', () => {
    expect(problems({ ...good, check: { command: 'sh t.sh' } })).toMatch(/field "check.command": .*"\{test\}"/);
    expect(problems({ ...good, tests: [good.tests[0], good.tests[0]] })).toMatch(
      /field "tests.1.id": test id "works" is used twice/,
    );
    expect(problems({ ...good, point: 3 })).toMatch(/point/);
    expect(problems({ ...good, readonly: ['main.c'] })).toMatch(/"main.c" is listed twice/);
  });

  it('reports broken JSON with the file name', () => {
    expect(() => parseLabSpec('{', 'labs/x/lab.json')).toThrow(/labs\/x\/lab.json is not valid JSON/);
  });

  it('accepts Japanese titles and shows them only on the Japanese site', () => {
    const spec = parseLabSpec(
      JSON.stringify({ ...good, titleJa: 'デモ', tests: [{ ...good.tests[0], titleJa: '動く' }] }),
      'labs/01-demo/lab.json',
    );
    expect(localTitle(spec, 'ja')).toBe('デモ');
    expect(localTitle(spec, 'en')).toBe(spec.title);
    expect(localTitle(spec.tests[0] ?? { title: 'missing' }, 'ja')).toBe('動く');
    expect(localTitle({ title: 'only English' }, 'ja')).toBe('only English');
    expect(problems({ ...good, titleJa: '' })).toMatch(/field "titleJa"/);
  });
});
