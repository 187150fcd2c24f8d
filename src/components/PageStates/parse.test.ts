import { describe, expect, it } from 'vitest';
import { parsePageStates, parseStepLine } from './parse';

/** A line page-states --json printed in the VM (8 pages, after main wrote pages 0 to 2). */
const WRITE_STEP =
  '{"step":"after main writes pages 0-2","pages":[' +
  '{"main":{"frame":1818,"count":1,"mark":"new"},"orbit":{"frame":1852,"count":1,"mark":"copied"}},' +
  '{"main":{"frame":1853,"count":1,"mark":"new"},"orbit":{"frame":1839,"count":1,"mark":"copied"}},' +
  '{"main":{"frame":1854,"count":1,"mark":"new"},"orbit":{"frame":1829,"count":1,"mark":"copied"}},' +
  '{"main":{"frame":1831,"count":2,"mark":"shared"},"orbit":{"frame":1831,"count":2,"mark":"shared"}},' +
  '{"main":{"frame":1830,"count":2,"mark":"shared"},"orbit":{"frame":1830,"count":2,"mark":"shared"}},' +
  '{"main":{"frame":1793,"count":2,"mark":"shared"},"orbit":{"frame":1793,"count":2,"mark":"shared"}},' +
  '{"main":{"frame":0,"count":0,"mark":"absent"},"orbit":{"frame":4882,"count":0,"mark":"zero"}},' +
  '{"main":{"frame":0,"count":0,"mark":"absent"},"orbit":{"frame":4882,"count":0,"mark":"zero"}}]}';

const ONE_PAGE = (mark: string) =>
  `{"step":"s","pages":[{"main":{"frame":1,"count":1,"mark":"${mark}"},"orbit":{"frame":2,"count":1,"mark":"new"}}]}`;

describe('parsePageStates', () => {
  it('reads every page of a step, both sides, frames, counts and marks', () => {
    const steps = parsePageStates(WRITE_STEP + '\n');
    const [step] = steps;
    if (steps.length !== 1 || !step) throw new Error(`expected one step, got ${steps.length}`);
    expect(step.step).toBe('after main writes pages 0-2');
    expect(step.pages).toHaveLength(8);
    expect(step.pages[0]).toEqual({
      main: { frame: 1818, count: 1, mark: 'new' },
      orbit: { frame: 1852, count: 1, mark: 'copied' },
    });
    expect(step.pages.map((p) => p.main.mark).join(' ')).toBe('new new new shared shared shared absent absent');
    expect(step.pages.map((p) => p.orbit.mark).join(' ')).toBe('copied copied copied shared shared shared zero zero');
  });

  it('keeps the steps in order and skips other output (a compiler warning, a blank line)', () => {
    const output = `p.c:3: warning: something\n${ONE_PAGE('shared').replace('"s"', '"one"')}\n\n${WRITE_STEP}\n`;
    expect(parsePageStates(output).map((s) => s.step)).toEqual(['one', 'after main writes pages 0-2']);
  });

  it('finds no step in the text figure (the CLI form)', () => {
    expect(parsePageStates('== after a call\npage   0 1\nmain   S S\n')).toEqual([]);
  });

  it('names the line and the page when a step is malformed', () => {
    expect(() => parsePageStates(`x\n${ONE_PAGE('stolen')}`)).toThrow(/line 2, page 0, main/);
    expect(() => parseStepLine('{"step":"s","pages":[]}', 7)).toThrow(/line 7/);
    expect(() => parseStepLine('{"step":"s","pages":[{"main":{"frame":1,"count":1,"mark":"new"}}]}', 3)).toThrow(
      /page 0, orbit/,
    );
    expect(() => parseStepLine('{"step":"cut', 4)).toThrow(/line 4: not JSON/);
  });
});
