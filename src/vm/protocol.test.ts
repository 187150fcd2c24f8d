import { describe, expect, it } from 'vitest';
import {
  LineSplitter,
  commandScript,
  killRequest,
  parseAgentLine,
  pingRequest,
  randomNonce,
  runRequest,
  shellQuote,
} from './protocol';

describe('agent requests', () => {
  it('formats one line per request', () => {
    expect(runRequest('r1-abc', 'student', 'deadbeef')).toBe('run r1-abc student deadbeef\n');
    expect(killRequest('r1')).toBe('kill r1\n');
    expect(pingRequest('00ff')).toBe('ping 00ff\n');
  });

  it('refuses tokens that could smuggle a second request or a path', () => {
    expect(() => runRequest('r1\nkill r2', 'root', 'n')).toThrow(/id/);
    expect(() => runRequest('../x', 'root', 'n')).toThrow(/id/);
    expect(() => pingRequest('a b')).toThrow(/nonce/);
  });
});

describe('parseAgentLine', () => {
  it('parses the three events, with or without a trailing CR', () => {
    expect(parseAgentLine('orbit-ready')).toEqual({ kind: 'ready' });
    expect(parseAgentLine('orbit-pong 1234abcd\r')).toEqual({ kind: 'pong', nonce: '1234abcd' });
    expect(parseAgentLine('orbit-done r7-x 1234abcd 137')).toEqual({
      kind: 'done',
      id: 'r7-x',
      nonce: '1234abcd',
      status: 137,
    });
  });

  it('rejects anything that is not exactly an event', () => {
    for (const line of [
      '',
      'orbit-ready now',
      ' orbit-ready',
      'orbit-done r1 n 256',
      'orbit-done r1 n -1',
      'orbit-done r1 n 1 extra',
      'orbit-done r1 n',
      'orbit-pong',
      'echo orbit-done r1 n 0',
    ]) {
      expect(parseAgentLine(line), line).toBeNull();
    }
  });
});

describe('LineSplitter', () => {
  it('joins bytes that arrive one at a time and in chunks', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), 8);
    splitter.push([0x61]);
    splitter.push(new TextEncoder().encode('b\ncd\n0123456789\n'));
    expect(lines).toEqual(['ab', 'cd', '01234567']);
  });
});

describe('commandScript and shellQuote', () => {
  it('quotes arguments so the shell sees them unchanged', () => {
    expect(shellQuote('plain-1.c')).toBe('plain-1.c');
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
    expect(commandScript(['sh', '-c', 'exit 7'], '/mnt/host')).toBe("cd /mnt/host || exit 126\nsh -c 'exit 7'\n");
    expect(commandScript('echo $HOME', '/a b')).toBe("cd '/a b' || exit 126\necho $HOME\n");
  });

  it('makes random 16-digit nonces', () => {
    const a = randomNonce();
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(randomNonce()).not.toBe(a);
  });
});
