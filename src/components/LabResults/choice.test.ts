import { describe, expect, it } from 'vitest';
import { fillChoice, toggle } from './choice';

describe('fillChoice', () => {
  it('puts the chosen values, space-separated, in place of every {key}', () => {
    expect(fillChoice("FAULTS='{faults}' sh matrix.sh thread", 'faults', ['null', 'wild'])).toBe(
      "FAULTS='null wild' sh matrix.sh thread",
    );
    expect(fillChoice('echo {n} {n}', 'n', ['1'])).toBe('echo 1 1');
  });

  it('leaves a command without the placeholder as it is', () => {
    expect(fillChoice('sh matrix.sh orbit', 'faults', ['null'])).toBe('sh matrix.sh orbit');
  });

  it('refuses a value that is not one word, so nothing reaches the shell unquoted', () => {
    expect(() => fillChoice('x {f}', 'f', ["null'; rm -rf ~"])).toThrow(/not a single word/);
    expect(() => fillChoice('x {f}', 'f', ['a b'])).toThrow(/not a single word/);
  });
});

describe('toggle', () => {
  const values = ['none', 'null', 'abort', 'wild'];
  it('adds a value in the order of the values and removes a chosen one', () => {
    expect(toggle(values, ['wild', 'none'], 'null')).toEqual(['none', 'null', 'wild']);
    expect(toggle(values, ['none', 'null'], 'none')).toEqual(['null']);
  });
});
