import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The chapters include these programs by reference; they must always compile cleanly.
const sources = readdirSync(__dirname).filter((f) => f.endsWith('.c'));
const out = mkdtempSync(path.join(tmpdir(), 'orbit-examples-'));

describe('example programs shown in the chapters', () => {
  it('exist', () => {
    expect(sources.length).toBeGreaterThan(0);
  });

  it.each(sources)('%s compiles without warnings', (file) => {
    const exe = path.join(out, file.replace(/\.c$/, ''));
    const run = () =>
      execFileSync(
        'cc',
        ['-std=gnu11', '-Wall', '-Wextra', '-Werror', '-pthread', '-o', exe, path.join(__dirname, file)],
        {
          stdio: 'pipe',
        },
      );
    expect(run).not.toThrow();
  });
});
