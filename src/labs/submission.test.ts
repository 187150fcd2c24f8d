import { describe, expect, it } from 'vitest';
import { createSubmission, submissionFileName, validateSubmission } from './submission';
import { labSpecSchema, type LabSpec } from './schema';

const spec: LabSpec = labSpecSchema.parse({
  id: '00-demo',
  title: 'Demo',
  version: 2,
  files: ['a.c', 'b.c'],
  run: { command: './a' },
  check: { command: 'sh tests/t.sh {test}' },
  tests: [{ id: 't', title: 't', points: 1, timeoutMs: 1000 }],
});

describe('submission archives', () => {
  it('round-trips the editable files with lab id, version and hash', async () => {
    const sub = await createSubmission(spec, { 'a.c': 'int a;', 'b.c': 'int b;', 'x.c': 'ignored' }, new Date(0));
    expect(sub).toMatchObject({ lab: '00-demo', labVersion: 2, files: { 'a.c': 'int a;', 'b.c': 'int b;' } });
    expect(sub.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(submissionFileName(spec)).toBe('00-demo-v2-submission.json');
    expect(await validateSubmission(JSON.stringify(sub), spec)).toEqual({ files: sub.files, warnings: [] });
  });

  it('does not depend on the order of files', async () => {
    const one = await createSubmission(spec, { 'a.c': '1', 'b.c': '2' });
    const two = await createSubmission(spec, { 'b.c': '2', 'a.c': '1' });
    expect(one.sha256).toBe(two.sha256);
  });

  it('rejects damaged, foreign and malformed archives with a reason', async () => {
    const sub = await createSubmission(spec, { 'a.c': 'x', 'b.c': 'y' });
    const edited = { ...sub, files: { ...sub.files, 'a.c': 'z' } };
    await expect(validateSubmission(JSON.stringify(edited), spec)).rejects.toThrow(/does not match its hash/);
    await expect(validateSubmission(JSON.stringify({ ...sub, lab: '01-x' }), spec)).rejects.toThrow(/for lab "01-x"/);
    await expect(validateSubmission('PK\u0003\u0004', spec)).rejects.toThrow(/not JSON/);
    await expect(validateSubmission('{"format":"zip"}', spec)).rejects.toThrow(/field format/);
    const extra = { ...sub, files: { ...sub.files, 'evil.c': '' } };
    await expect(validateSubmission(JSON.stringify(extra), spec)).rejects.toThrow(/does not have: evil.c/);
  });

  it('accepts an archive of another lab version with a warning', async () => {
    const old = await createSubmission({ ...spec, version: 1 }, { 'a.c': 'x', 'b.c': 'y' });
    const result = await validateSubmission(JSON.stringify(old), spec);
    expect(result.warnings[0]).toMatch(/version 1 of this lab; the page has version 2/);
  });
});
