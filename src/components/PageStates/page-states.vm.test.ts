// The live figure's program in the real VM: the kernel's own records (pagemap, kpagecount)
// after each step match what the snapshot code of kernel/patches/0002-mm-add-orbit-snapshots-
// of-anonymous-memory-areas.patch does (the expectations below cite the functions), and the
// text figure the CLI prints shows the same marks.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vm } from '../../vm';
import { openVm } from '../../vm/node';
import { REPO_ROOT } from '../../vm/node-assets';
import type { PagePair, PageStep } from './parse';
import { runPageStates } from './run';

const source = readFileSync(path.join(REPO_ROOT, 'labs/examples/page-states.c'), 'utf8');
const WRITTEN = [0, 1, 2]; // main writes these between the two calls
const KEPT = [3, 4, 5]; // filled before orbit_create, never written again
const UNTOUCHED = [6, 7]; // main never touches these

/** Item `i` of `list`, which the test needs to exist. */
function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`missing item ${i} (of ${list.length})`);
  return item;
}

function page(step: PageStep, i: number): PagePair {
  return at(step.pages, i);
}

function frames(step: PageStep, side: 'main' | 'orbit', pages: number[]): number[] {
  return pages.map((i) => page(step, i)[side].frame);
}

/** The rows of letters of the text figure, one per side and step. */
function letterRows(output: string): string[] {
  return output.split('\n').filter((l) => /^(main|orbit) /.test(l));
}

/** What the text figure shows in every run: the same marks as the JSON, step by step. */
const TEXT_FIGURE = [
  'main   S S S S S S - -',
  'orbit  S S S S S S - -',
  'main   S S S S S S - -',
  'orbit  S S S S S S Z Z',
  'main   N N N S S S - -',
  'orbit  C C C S S S Z Z',
  'main   S S S S S S - -',
  'orbit  S S S S S S Z Z',
];

/** The command chapter 5 gives for the text figure, as the reader copies it. */
function chapterCommand(): string {
  const chapter = readFileSync(path.join(REPO_ROOT, 'docs/snapshots.mdx'), 'utf8');
  const command = /`(npx orbit-lab exec [^`]*page-states\.c[^`]*)`/.exec(chapter)?.[1];
  if (!command) throw new Error('docs/snapshots.mdx no longer gives the npx orbit-lab command of the text figure');
  return command;
}

function marks(step: PageStep, side: 'main' | 'orbit'): string {
  return step.pages.map((p) => p[side].mark).join(' ');
}

describe('page-states in the VM (the live figure of chapter 5)', () => {
  let vm: Vm;
  let steps: PageStep[];
  beforeAll(async () => {
    vm = await openVm();
    steps = (await runPageStates(vm, source)).steps;
  });
  afterAll(() => vm?.destroy());

  it('reports four steps of eight pages each', () => {
    expect(steps.map((s) => s.step)).toEqual([
      'after orbit_create (a fork)',
      'after a call',
      'after main writes pages 0-2',
      'after the next call',
    ]);
    for (const s of steps) expect(s.pages).toHaveLength(8);
  });

  it('after orbit_create (a fork): the written pages are one frame mapped twice, the rest absent', () => {
    const create = at(steps, 0);
    for (const i of [...WRITTEN, ...KEPT]) {
      expect(page(create, i).main.frame).not.toBe(0);
      expect(page(create, i).orbit.frame).toBe(page(create, i).main.frame);
      expect(page(create, i).main.count).toBe(2);
    }
    expect(marks(create, 'main')).toBe('shared shared shared shared shared shared absent absent');
    expect(marks(create, 'orbit')).toBe('shared shared shared shared shared shared absent absent');
  });

  it('after a call: install keeps the PTEs that already map the captured pages (orbit_pte_current)', () => {
    const [create, call] = [at(steps, 0), at(steps, 1)];
    // main's PTEs are read-only since the fork, so orbit_share_pte only takes a reference.
    expect(frames(call, 'main', [...WRITTEN, ...KEPT])).toEqual(frames(create, 'main', [...WRITTEN, ...KEPT]));
    expect(frames(call, 'orbit', [...WRITTEN, ...KEPT])).toEqual(frames(create, 'main', [...WRITTEN, ...KEPT]));
    // Main has no page there (orbit_capture_ptes skips empty PTEs); the orbit's reads map the zero page.
    for (const i of UNTOUCHED) {
      expect(page(call, i).main.mark).toBe('absent');
      expect(page(call, i).orbit).toMatchObject({ count: 0, mark: 'zero' });
    }
  });

  it('after main writes pages 0-2: main has new frames of its own, the orbit keeps the snapshot', () => {
    const [call, write] = [at(steps, 1), at(steps, 2)];
    for (const i of WRITTEN) {
      expect(page(write, i).main).toMatchObject({ count: 1, mark: 'new' });
      expect(page(write, i).main.frame).not.toBe(page(call, i).main.frame);
      expect(page(write, i).orbit).toEqual({ frame: page(call, i).orbit.frame, count: 1, mark: 'copied' });
    }
    expect(frames(write, 'main', KEPT)).toEqual(frames(call, 'main', KEPT));
    expect(marks(write, 'orbit')).toBe('copied copied copied shared shared shared zero zero');
  });

  it("after the next call: the incremental install maps main's new frames and keeps the others", () => {
    const [call, write, next] = [at(steps, 1), at(steps, 2), at(steps, 3)];
    expect(frames(next, 'orbit', WRITTEN)).toEqual(frames(write, 'main', WRITTEN));
    expect(frames(next, 'main', WRITTEN)).toEqual(frames(write, 'main', WRITTEN));
    expect(frames(next, 'orbit', KEPT)).toEqual(frames(call, 'orbit', KEPT));
    for (const i of [...WRITTEN, ...KEPT]) expect(page(next, i).main.count).toBe(2);
    expect(marks(next, 'main')).toBe('shared shared shared shared shared shared absent absent');
    expect(marks(next, 'orbit')).toBe('shared shared shared shared shared shared zero zero');
  });

  it('prints the same marks as a text figure without --json', async () => {
    const run = await vm.exec('./page-states', { user: 'root', timeoutMs: 60_000 });
    expect(run.exitCode, run.output).toBe(0);
    expect(letterRows(run.output)).toEqual(TEXT_FIGURE);
  });

  it("prints the text figure with the chapter's orbit-lab command (the CLI form)", () => {
    const run = spawnSync('sh', ['-c', chapterCommand()], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 180_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(letterRows(run.stdout)).toEqual(TEXT_FIGURE);
  });

  it('needs root: as the student, pagemap hides every frame', async () => {
    const run = await vm.exec('./page-states --json', { user: 'student', timeoutMs: 60_000 });
    const lines = run.output.split('\n').filter((l) => l.startsWith('{"step"'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/"mark":"(shared|copied|new)"/);
  });
});
