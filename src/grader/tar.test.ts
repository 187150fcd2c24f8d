import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarFiles } from './tar';

describe('tarFiles', () => {
  it('makes an archive that tar unpacks to the same files and modes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tar-'));
    const tar = path.join(dir, 'a.tar');
    const big = 'x'.repeat(1300);
    writeFileSync(tar, tarFiles({ 'tests/check.sh': 'echo hi\n', 'greeting.h': big, 'empty.txt': '' }));
    execFileSync('tar', ['-xf', tar, '-C', dir]);
    expect(readFileSync(path.join(dir, 'tests/check.sh'), 'utf8')).toBe('echo hi\n');
    expect(readFileSync(path.join(dir, 'greeting.h'), 'utf8')).toBe(big);
    expect(readFileSync(path.join(dir, 'empty.txt'), 'utf8')).toBe('');
    expect(statSync(path.join(dir, 'tests/check.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(dir, 'greeting.h')).mode & 0o777).toBe(0o644);
  });

  it('refuses a path longer than ustar allows', () => {
    expect(() => tarFiles({ ['a'.repeat(101)]: '' })).toThrow(/longer than 100 bytes/);
  });
});
