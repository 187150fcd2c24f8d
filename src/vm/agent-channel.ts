// The host end of the agent protocol: sends requests on ttyS1 and matches the
// agent's event lines to the requests waiting for them.
import {
  LineSplitter,
  killRequest,
  parseAgentLine,
  pingRequest,
  randomNonce,
  runRequest,
  dropRequest,
  signalRequest,
  type AgentEvent,
  type GuestUser,
  type RunOptions,
} from './protocol';

/** How often an unanswered ping is sent again. */
const PING_REPEAT_MS = 250;

/** The part of a Machine the channel needs. */
export interface SerialPort {
  onSerial(port: 1, listener: (bytes: Uint8Array) => void): () => void;
  sendSerial(port: 1, bytes: Uint8Array): void;
}

type Waiter = (event: AgentEvent) => boolean;

/** Talks to orbit-agent over serial port 1. */
export class AgentChannel {
  private readonly waiters = new Set<Waiter>();
  private readonly encoder = new TextEncoder();
  private readonly unsubscribe: () => void;

  constructor(private readonly port: SerialPort) {
    const splitter = new LineSplitter((line) => this.dispatch(line));
    this.unsubscribe = port.onSerial(1, (bytes) => splitter.push(bytes));
  }

  /** Hands a parsed event to the first waiter that accepts it. */
  private dispatch(line: string): void {
    const event = parseAgentLine(line);
    if (!event) return;
    for (const waiter of this.waiters) {
      if (waiter(event)) {
        this.waiters.delete(waiter);
        return;
      }
    }
  }

  /** Resolves with the first event `match` accepts; `cancel` drops the wait. */
  private waitFor<T>(match: (event: AgentEvent) => T | undefined): {
    promise: Promise<T>;
    cancel: () => void;
  } {
    let waiter: Waiter = () => false;
    const promise = new Promise<T>((resolve) => {
      waiter = (event) => {
        const value = match(event);
        if (value === undefined) return false;
        resolve(value);
        return true;
      };
      this.waiters.add(waiter);
    });
    return { promise, cancel: () => this.waiters.delete(waiter) };
  }

  private send(line: string): void {
    this.port.sendSerial(1, this.encoder.encode(line));
  }

  /** Waits for the agent's boot-time ready line. */
  ready(): { promise: Promise<void>; cancel: () => void } {
    const wait = this.waitFor((e) => (e.kind === 'ready' ? true : undefined));
    return { promise: wait.promise.then(() => undefined), cancel: wait.cancel };
  }

  /**
   * Pings the agent; the promise resolves when it answers. The ping repeats
   * every `repeatMs` until then: input that reaches the UART in the first
   * moments after a restore can be lost (seen with v86 in a browser Worker,
   * where the first ping never reached the agent and a later one did).
   */
  ping(repeatMs = PING_REPEAT_MS): { promise: Promise<void>; cancel: () => void } {
    const nonce = randomNonce();
    const wait = this.waitFor((e) => (e.kind === 'pong' && e.nonce === nonce ? true : undefined));
    const send = (): void => this.send(pingRequest(nonce));
    send();
    const timer = setInterval(send, repeatMs);
    const stop = (): void => clearInterval(timer);
    return {
      promise: wait.promise.then(stop),
      cancel: () => {
        stop();
        wait.cancel();
      },
    };
  }

  /** Starts request `id`; the promise resolves with the command's exit status. */
  run(id: string, user: GuestUser, options?: RunOptions): { promise: Promise<number>; cancel: () => void } {
    const nonce = randomNonce();
    const wait = this.waitFor((e) => (e.kind === 'done' && e.id === id && e.nonce === nonce ? e.status : undefined));
    this.send(runRequest(id, user, nonce, options));
    return wait;
  }

  /** Asks the agent to send SIGINT or SIGTERM to request `id`'s process group. */
  signal(id: string, signal: 'INT' | 'TERM'): void {
    this.send(signalRequest(id, signal));
  }

  /** Asks the agent to kill every process of request `id`. */
  kill(id: string): void {
    this.send(killRequest(id));
  }

  /** Asks the agent to delete request `id`'s files. */
  drop(id: string): void {
    this.send(dropRequest(id));
  }

  /** Stops listening; pending waits never resolve (their callers time out or are cancelled). */
  close(): void {
    this.unsubscribe();
    this.waiters.clear();
  }
}
