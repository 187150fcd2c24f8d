// The line protocol between the host and the in-guest agent
// (kernel/agent/orbit-agent.c) on the second serial port, ttyS1.
//
// Host -> guest, one request per line:
//   run <id> <user> <nonce> [mem=MB] [pids=N] [cpu=MS] [out=BYTES]
//                             run <exchange>/.orbit/<id>.sh in cgroup req/<id> with
//                             those limits, output (capped) to <id>.out
//   signal <id> INT|TERM      signal the request's process group
//   kill <id>                 SIGKILL every process of the request (cgroup.kill)
//   ping <nonce>              liveness check, answered with pong
//   drop <id>                 delete the request's files in the exchange dir
// Guest -> host, one event per line:
//   orbit-ready               the agent started (cold boot only)
//   orbit-pong <nonce>
//   orbit-done <id> <nonce> <status>
//
// The command's own output goes to a file, never to ttyS1, and the console is
// ttyS0, so a program printing these words cannot produce an event; the nonce
// is random per request and never shown to the command.

/** Who runs a command in the guest. */
export type GuestUser = 'root' | 'student';

/** An event line sent by the agent. */
export type AgentEvent =
  { kind: 'ready' } | { kind: 'pong'; nonce: string } | { kind: 'done'; id: string; nonce: string; status: number };

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws unless `value` is safe to put in a request line as one token. */
function checkToken(name: string, value: string): void {
  if (!TOKEN.test(value)) {
    throw new Error(`agent protocol: ${name} "${value}" must match ${TOKEN.source}`);
  }
}

/** Limits and the output cap of one run request; absent means the agent's default. */
export interface RunOptions {
  memoryMB?: number;
  pids?: number;
  cpuMs?: number;
  maxOutputBytes?: number;
}

/** A non-negative whole number for a request option, or an error naming it. */
function optionWord(key: string, value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`agent protocol: ${key} must be a whole number >= 0, not ${value}`);
  }
  return ` ${key}=${value}`;
}

/** Formats a run request for script `<id>.sh`, run as `user`. */
export function runRequest(id: string, user: GuestUser, nonce: string, options: RunOptions = {}): string {
  checkToken('id', id);
  checkToken('nonce', nonce);
  const extra =
    optionWord('mem', options.memoryMB) +
    optionWord('pids', options.pids) +
    optionWord('cpu', options.cpuMs) +
    optionWord('out', options.maxOutputBytes);
  return `run ${id} ${user} ${nonce}${extra}\n`;
}

/** Formats a request to send SIGINT or SIGTERM to request `id`'s process group. */
export function signalRequest(id: string, signal: 'INT' | 'TERM'): string {
  checkToken('id', id);
  return `signal ${id} ${signal}\n`;
}

/** Formats a request to kill the process group of request `id`. */
export function killRequest(id: string): string {
  checkToken('id', id);
  return `kill ${id}\n`;
}

/** Formats a liveness check. */
export function pingRequest(nonce: string): string {
  checkToken('nonce', nonce);
  return `ping ${nonce}\n`;
}

/** Formats a request to delete the files of a finished request. */
export function dropRequest(id: string): string {
  checkToken('id', id);
  return `drop ${id}\n`;
}

/** Parses one agent line (without its newline); null for anything else. */
export function parseAgentLine(line: string): AgentEvent | null {
  const words = line.replace(/\r$/, '').split(' ');
  const [verb, a, b, c] = words;
  if (verb === 'orbit-ready' && words.length === 1) return { kind: 'ready' };
  if (verb === 'orbit-pong' && words.length === 2 && a !== undefined && TOKEN.test(a)) {
    return { kind: 'pong', nonce: a };
  }
  if (verb === 'orbit-done' && words.length === 4 && a && b && c && /^\d{1,3}$/.test(c)) {
    const status = Number(c);
    if (TOKEN.test(a) && TOKEN.test(b) && status <= 255) {
      return { kind: 'done', id: a, nonce: b, status };
    }
  }
  return null;
}

/** Splits a byte stream into lines; bytes arrive one at a time or in chunks. */
export class LineSplitter {
  private pending: number[] = [];

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = 4096,
  ) {}

  /** Feeds bytes; calls onLine for each complete line (overlong lines are truncated). */
  push(bytes: Iterable<number>): void {
    for (const byte of bytes) {
      if (byte === 0x0a) {
        const line = String.fromCharCode(...this.pending);
        this.pending = [];
        this.onLine(line);
      } else if (this.pending.length < this.maxLine) {
        this.pending.push(byte);
      }
    }
  }
}

/** A random token of 16 hex digits from the platform's CSPRNG. */
export function randomNonce(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Quotes one argument for a POSIX shell. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Builds the script the agent runs: change directory, then the command. */
export function commandScript(command: string | readonly string[], cwd: string): string {
  const text = typeof command === 'string' ? command : command.map(shellQuote).join(' ');
  return `cd ${shellQuote(cwd)} || exit 126\n${text}\n`;
}
