// The in-page compiler: the guest's tcc built to WebAssembly (tcc-wasm/),
// run on an in-memory file system that holds the guest's headers and libraries
// (the sysroot). The same code serves Node (./node.ts) and the page's Worker
// (./worker.ts); only where the files come from differs.
import { readTar, type TarEntry } from './tar';

/** The part of emscripten's FS that the compiler uses. */
interface EmscriptenFs {
  mkdir(path: string): void;
  writeFile(path: string, data: Uint8Array | string, options?: { canOwn?: boolean }): void;
  symlink(target: string, path: string): void;
  readFile(path: string): Uint8Array;
  chdir(path: string): void;
}

/** One instance of tcc.mjs: its file system and its main(). */
export interface TccInstance {
  FS: EmscriptenFs;
  callMain(args: string[]): number;
}

/** tcc.mjs's default export (emscripten MODULARIZE): makes a fresh instance. */
export type TccFactory = (options: Record<string, unknown>) => Promise<TccInstance>;

/** What a compiler is made of. */
export interface TccParts {
  factory: TccFactory;
  /** tcc.wasm, compiled once and instantiated for every compile. */
  wasm: WebAssembly.Module;
  /** sysroot.tar (unpacked from sysroot.tar.xz). */
  sysroot: Uint8Array;
}

export interface CompileRequest {
  /** tcc's arguments, without the program name (e.g. from parseTccCommand). */
  args: string[];
  /** The sources, by path relative to the working directory. */
  files: Record<string, string | Uint8Array>;
  /** The file to return when tcc succeeds (relative to the working directory). */
  output: string;
  /** The working directory (default /work); the guest's lab directory keeps paths alike. */
  cwd?: string;
}

export interface CompileResult {
  exitCode: number;
  /** What tcc printed (stdout and stderr in order), e.g. "x.c:3: error: ...". */
  output: string;
  /** The output file, when tcc exited 0 and wrote it. */
  binary?: Uint8Array;
  /** Milliseconds the compile took where it ran (instance, sysroot, tcc), for benchmarks. */
  ms: number;
}

/** Creates `path` and its missing parents. */
function mkdirs(fs: EmscriptenFs, path: string): void {
  let at = '';
  for (const part of path.split('/').filter(Boolean)) {
    at += `/${part}`;
    try {
      fs.mkdir(at);
    } catch {
      // It exists already.
    }
  }
}

/**
 * Puts the sysroot's entries into a fresh instance's file system, at /. Files
 * share the unpacked archive's bytes (canOwn: no copy of 6 MB per compile); tcc
 * only reads them.
 */
function install(fs: EmscriptenFs, entries: TarEntry[]): void {
  for (const entry of entries) {
    const path = `/${entry.path}`;
    mkdirs(fs, entry.type === 'dir' ? path : path.slice(0, path.lastIndexOf('/')));
    if (entry.type === 'file') fs.writeFile(path, entry.data, { canOwn: true });
    else if (entry.type === 'symlink') fs.symlink(entry.target, path);
  }
}

/** Rejects a path outside the working directory, so a lab's file cannot overwrite the sysroot. */
function checkRelative(name: string): void {
  if (!name || name.startsWith('/') || name.split('/').includes('..')) {
    throw new Error(`compiler: "${name}" is not a path inside the lab's directory`);
  }
}

export class TccCompiler {
  private readonly sysroot: TarEntry[];

  constructor(private readonly parts: TccParts) {
    this.sysroot = readTar(parts.sysroot);
    if (!this.sysroot.some((e) => e.path === 'usr/include/stdio.h')) {
      throw new Error('compiler: the sysroot has no usr/include/stdio.h');
    }
  }

  /** Runs tcc once on `request` in a fresh instance (tcc keeps global state between runs). */
  async compile(request: CompileRequest): Promise<CompileResult> {
    const t0 = performance.now();
    const cwd = request.cwd ?? '/work';
    checkRelative(request.output);
    for (const name of Object.keys(request.files)) checkRelative(name);
    const lines: string[] = [];
    const tcc = await this.instantiate((line) => lines.push(line));
    install(tcc.FS, this.sysroot);
    mkdirs(tcc.FS, cwd);
    tcc.FS.chdir(cwd);
    for (const [name, text] of Object.entries(request.files)) {
      if (name.includes('/')) mkdirs(tcc.FS, `${cwd}/${name.slice(0, name.lastIndexOf('/'))}`);
      tcc.FS.writeFile(name, text);
    }
    const exitCode = tcc.callMain(request.args);
    const output = lines.map((line) => `${line}\n`).join('');
    const ms = performance.now() - t0;
    if (exitCode !== 0) return { exitCode, output, ms };
    let binary: Uint8Array | undefined;
    try {
      binary = tcc.FS.readFile(request.output);
    } catch {
      return { exitCode: 1, output: `${output}compiler: tcc wrote no ${request.output}\n`, ms };
    }
    return { exitCode, output, binary, ms };
  }

  private instantiate(print: (line: string) => void): Promise<TccInstance> {
    const { factory, wasm } = this.parts;
    return new Promise((resolve, reject) => {
      factory({
        thisProgram: 'tcc',
        noInitialRun: true,
        print,
        printErr: print,
        // exit() inside tcc ends the call, not the page or the Node process.
        quit: (_status: number, toThrow: unknown) => {
          throw toThrow;
        },
        instantiateWasm(
          imports: WebAssembly.Imports,
          receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
        ) {
          WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm), reject);
          return {};
        },
      }).then(resolve, reject);
    });
  }
}
