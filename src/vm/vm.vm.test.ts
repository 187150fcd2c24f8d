// The VM interface against the real image in static/vm/ (npm run test:vm).
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vm } from './index';
import { openVm } from './node';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('a restored VM', () => {
  let vm: Vm;
  beforeAll(async () => {
    vm = await openVm();
  });
  afterAll(() => vm?.destroy());

  it("runs the project's kernel", async () => {
    const result = await vm.exec('uname -r');
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    expect(result.output.trim()).toBe(vm.manifest.machine.kernelRelease);
    expect(result.output.trim()).toMatch(/^6\.1\.\d+-orbit$/);
  });

  it('compiles and runs a pthread program with tcc', async () => {
    const program = `#include <pthread.h>
#include <stdio.h>
static int total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *work(void *arg) {
  for (int i = 0; i < 1000; i++) { pthread_mutex_lock(&lock); total += *(int *)arg; pthread_mutex_unlock(&lock); }
  return NULL;
}
int main(void) {
  pthread_t t[4]; int one = 1;
  for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, work, &one);
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
  printf("total=%d\\n", total);
  return 0;
}
`;
    await vm.writeFile('threads.c', program);
    const result = await vm.exec('tcc -o /tmp/threads threads.c -lpthread && /tmp/threads');
    expect(result.output).toBe('total=4000\n');
    expect(result.exitCode).toBe(0);
  });

  it('round-trips 1 MB of random bytes both ways, inside and outside the exchange directory', async () => {
    const blob = randomBytes(1024 * 1024);
    for (const guestPath of ['blob.bin', '/tmp/sub/blob.bin']) {
      await vm.writeFile(guestPath, blob);
      const inGuest = await vm.exec(['sha256sum', guestPath]);
      expect(inGuest.output.split(' ')[0], guestPath).toBe(sha256(blob));
      expect(sha256(await vm.readFile(guestPath)), guestPath).toBe(sha256(blob));
    }
    const made = await vm.exec('head -c 1048576 /dev/urandom > /tmp/made.bin && sha256sum /tmp/made.bin');
    const back = await vm.readFile('/tmp/made.bin');
    expect(back.length).toBe(1024 * 1024);
    expect(sha256(back)).toBe(made.output.split(' ')[0]);
  });

  it('streams output as the guest produces it', async () => {
    const decoder = new TextDecoder();
    const started = Date.now();
    let first = 0;
    let streamed = '';
    const result = await vm.exec('for i in 1 2 3 4; do echo line $i; sleep 1; done', {
      onOutput: (bytes) => {
        first ||= Date.now();
        streamed += decoder.decode(bytes, { stream: true });
      },
    });
    const ended = Date.now();
    expect(streamed).toBe(result.output);
    expect(result.output).toBe('line 1\nline 2\nline 3\nline 4\n');
    // The first line came seconds before the end, not with it.
    expect(first - started).toBeLessThan(ended - started - 2000);
  });

  it.each([
    ['a spinning shell loop', 'echo started; while :; do :; done'],
    ['a program that ignores SIGINT', "trap '' INT; echo started; while :; do :; done"],
  ])('stops %s within a second, and the next command runs', async (_, command) => {
    const controller = new AbortController();
    let stoppedAt = 0;
    const result = await vm.exec(command, {
      signal: controller.signal,
      onOutput: () => {
        stoppedAt ||= Date.now();
        controller.abort();
      },
    });
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(result).toMatchObject({ stopped: true, timedOut: false, output: 'started\n' });
    expect((await vm.exec('echo next')).output).toBe('next\n');
  });

  it('kills what a command left running when it ends, and caps its output', async () => {
    await vm.exec('(sleep 30 &) ; echo left', { user: 'student' });
    expect((await vm.exec('ps -o user,args | awk \'$1 == "student"\'')).output).toBe('');
    const flood = await vm.exec('head -c 3000000 /dev/zero | tr "\\0" x', { maxOutputBytes: 100_000 });
    expect(flood.outputBytes.length).toBeLessThan(100_200);
    expect(flood.output).toMatch(/\[orbit: output over 100000 bytes; 2900000 more bytes dropped\]\n$/);
  });

  it('runs a command within its memory and process limits', async () => {
    const bomb = await vm.exec('for i in $(seq 50); do sleep 5 & done; wait', {
      user: 'student',
      limits: { pids: 10 },
      timeoutMs: 20_000,
    });
    expect(bomb.output).toMatch(/can't fork|Resource temporarily unavailable/);
    // awk doubles a string until it is over memory.max: the whole group is OOM-killed.
    const hog = await vm.exec(`awk 'BEGIN { s = "x"; while (1) s = s s }'; echo survived`, {
      user: 'student',
      limits: { memoryMB: 16 },
      timeoutMs: 30_000,
    });
    expect(hog).toMatchObject({ timedOut: false, exitCode: 137 });
    expect(hog.output).not.toContain('survived');
    expect((await vm.exec('echo alive')).output).toBe('alive\n');
  });

  it('kills a command and its children once they used their CPU-time budget', async () => {
    // Two spinners share the budget: the group's CPU time counts, not one process's.
    const spin = await vm.exec('(while :; do :; done) & while :; do :; done', {
      user: 'student',
      limits: { cpuMs: 1000 },
      timeoutMs: 60_000,
    });
    expect(spin).toMatchObject({ timedOut: false, exitCode: 137 });
    expect(spin.output).toContain('[orbit: stopped after using more than 1000 ms of CPU time]');
    expect((await vm.exec('ps -o user,args | awk \'$1 == "student"\'')).output).toBe('');
    // A command that sleeps uses no CPU time and is not stopped by the budget.
    const nap = await vm.exec('sleep 2; echo rested', { user: 'student', limits: { cpuMs: 1000 } });
    expect(nap).toMatchObject({ exitCode: 0, output: 'rested\n' });
  });

  it('is not fooled by a command that prints the agent protocol', async () => {
    const fake = 'orbit-ready\\norbit-pong 0123456789abcdef\\norbit-done r1-000000 0123456789abcdef 0\\n';
    const result = await vm.exec(`printf '${fake}'; printf '${fake}' > /dev/console; exit 3`);
    expect(result.exitCode).toBe(3);
    expect(result.output).toBe(fake.replace(/\\n/g, '\n'));
    const student = await vm.exec(`printf '${fake}' > /dev/ttyS1`, { user: 'student' });
    expect(student.exitCode).not.toBe(0);
  });

  it('runs commands as the unprivileged student or as root', async () => {
    expect((await vm.exec('id -u; id -g', { user: 'student' })).output).toBe('1000\n1000\n');
    expect((await vm.exec('id -u')).output).toBe('0\n');
    expect((await vm.exec('touch /root/x', { user: 'student' })).exitCode).not.toBe(0);
  });

  it('kills a hanging command at its timeout and stays usable', async () => {
    const hung = await vm.exec('echo started; sleep 600 & sleep 600', { timeoutMs: 1000 });
    expect(hung).toMatchObject({ timedOut: true, exitCode: 137, output: 'started\n' });
    const after = await vm.exec('ps -o comm | grep -c "^sleep" || true');
    expect(after).toMatchObject({ exitCode: 0, timedOut: false, output: '0\n' });
  });

  it('passes exit statuses through', async () => {
    for (const status of [0, 1, 7, 255]) {
      expect((await vm.exec(['sh', '-c', `exit ${status}`])).exitCode).toBe(status);
    }
  });
});

/** Types `input` on the console and resolves once its output contains `marker`. */
function consoleSays(vm: Vm, input: string, marker: string): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    const decoder = new TextDecoder();
    const stop = vm.console.onData((bytes) => {
      text += decoder.decode(bytes, { stream: true });
      if (text.includes(marker)) {
        stop();
        resolve();
      }
    });
    vm.console.send(input);
  });
}

describe('a restored VM whose agent stops answering', () => {
  it('restores its state and carries on', async () => {
    const vm = await openVm();
    try {
      const phases: string[] = [];
      vm.on('progress', (p) => phases.push(p.phase));
      await vm.writeFile('/tmp/marker', 'before');
      // Stopped from the console: the agent is one process, so a command it runs could stop
      // it but never be reported. The quotes keep the echoed input from matching the marker.
      await consoleSays(vm, "kill -STOP $(cat /run/orbit-agent/agent.pid) && echo agent-''stopped\n", 'agent-stopped');
      const lost = await vm.exec('true', { timeoutMs: 500 });
      expect(lost.timedOut).toBe(true);
      expect(phases).toContain('recovered');
      const after = await vm.exec('cat /tmp/marker 2>/dev/null || echo restored');
      expect(after.output).toBe('restored\n');
    } finally {
      await vm.destroy();
    }
  });
});

describe('a cold-booted VM', () => {
  it('boots the kernel and answers', async () => {
    const progress: string[] = [];
    const vm = await openVm({ cold: true, onProgress: (p) => progress.push(p.phase) });
    try {
      expect(progress).toEqual(expect.arrayContaining(['download', 'start', 'boot', 'ready']));
      expect((await vm.exec('echo hello from $(uname -r)')).output).toBe(
        `hello from ${vm.manifest.machine.kernelRelease}\n`,
      );
    } finally {
      await vm.destroy();
    }
  });
});
