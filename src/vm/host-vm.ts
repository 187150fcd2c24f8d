/**
 * A stand-in Vm on this machine, for `npm test`'s quick check of every lab
 * with the host's sh and tcc through the same grader core as the VM. It
 * runs commands with `sh` in a scratch directory and puts a plain
 * `orbit-sandbox` on PATH (the same options, no cgroup, no other user): it
 * checks that tests and solutions agree, not that the grader contains
 * anything. Containment is tested in the VM (src/grader/*.vm.test.ts).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExecOptions, ExecResult, Vm, VmManifest } from './index';
import { commandScript } from './protocol';

/** The options of orbit-sandbox that checkers use, without the containment. */
const SANDBOX = `#!/bin/sh
out=/dev/stdout status= pidfile= timeout=10000
while [ $# -gt 0 ]; do
  case "$1" in
  --timeout-ms) timeout=$2; shift 2 ;;
  --out) out=$2; shift 2 ;;
  --status) status=$2; shift 2 ;;
  --pid-file) pidfile=$2; shift 2 ;;
  --env) export "$2"; shift 2 ;;
  --) shift; break ;;
  *) break ;;
  esac
done
cd "$ORBIT_WORK" || exit 126
[ -n "$pidfile" ] && echo $$ >"$pidfile"
timeout -s KILL "$(( (timeout + 999) / 1000 ))" "$@" >"$out" 2>&1 </dev/null
code=$?
if [ -n "$status" ]; then
  if [ $code -eq 137 ]; then echo timeout; elif [ $code -gt 128 ]; then echo "signaled $((code - 128))"; else echo "exited $code"; fi >"$status"
fi
[ $code -eq 137 ] && exit 124
exit $code
`;

export class HostVm implements Vm {
  readonly exchangeDir: string;
  /** Where the grader puts trusted lab directories (pass it as trustedRoot). */
  readonly trustedRoot: string;
  readonly manifest = {} as VmManifest;
  readonly console = { onData: () => () => undefined, send: () => undefined };
  private readonly root = mkdtempSync(path.join(tmpdir(), 'orbit-host-vm-'));
  private readonly bin: string;

  constructor() {
    this.exchangeDir = path.join(this.root, 'exchange');
    this.trustedRoot = path.join(this.root, 'opt');
    this.bin = path.join(this.root, 'bin');
    mkdirSync(path.join(this.exchangeDir, '.orbit'), { recursive: true });
    mkdirSync(this.bin);
    writeFileSync(path.join(this.bin, 'orbit-sandbox'), SANDBOX);
    chmodSync(path.join(this.bin, 'orbit-sandbox'), 0o755);
  }

  private resolve(guestPath: string): string {
    return path.isAbsolute(guestPath) ? guestPath : path.join(this.exchangeDir, guestPath);
  }

  exec(command: string | readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const script = commandScript(command, options.cwd ?? this.exchangeDir);
    const child = spawn('sh', ['-c', script], {
      env: { ...process.env, PATH: `${this.bin}:${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const chunks: Buffer[] = [];
    const take = (chunk: Buffer) => {
      chunks.push(chunk);
      options.onOutput?.(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs ?? 60_000);
    return new Promise((resolve) => {
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const outputBytes = new Uint8Array(Buffer.concat(chunks));
        const exitCode = code ?? 128 + (signal === 'SIGKILL' ? 9 : 15);
        resolve({ exitCode, output: new TextDecoder().decode(outputBytes), outputBytes, timedOut, stopped: false });
      });
    });
  }

  async writeFile(guestPath: string, data: Uint8Array | string): Promise<void> {
    const file = this.resolve(guestPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  }

  async readFile(guestPath: string): Promise<Uint8Array> {
    return new Uint8Array(readFileSync(this.resolve(guestPath)));
  }

  on(): () => void {
    return () => undefined;
  }

  async reset(): Promise<void> {}

  async saveState(): Promise<Uint8Array> {
    throw new Error('a host stand-in has no machine state');
  }

  async destroy(): Promise<void> {
    rmSync(this.root, { recursive: true, force: true });
  }
}
