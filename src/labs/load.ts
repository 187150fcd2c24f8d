/**
 * Reads a lab folder in Node (the build-time remark plugin, tests, the
 * grader): its spec and the text of every file the spec names. Every
 * missing file fails with a message naming the lab and the path.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseLabSpec, type LabSpec } from './schema';

/** A lab as the browser gets it: the spec plus file texts by lab path. */
export interface LabBundle {
  spec: LabSpec;
  /** Editable files as the starter has them, and the readonly files. */
  starter: Record<string, string>;
  /** Everything under tests/, keyed "tests/<name>". */
  tests: Record<string, string>;
}

/** Lists files under `dir` recursively, as paths relative to it. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(full).isDirectory() ? listFiles(full, rel) : [rel];
    });
}

/** Reads `file` of lab `dir` or throws naming what is missing. */
function readLabFile(dir: string, sub: string, file: string, why: string): string {
  const full = path.join(dir, sub, file);
  if (!existsSync(full)) {
    throw new Error(`${path.join(dir, 'lab.json')}: ${why} "${file}" is missing: create ${full} or fix the spec.`);
  }
  return readFileSync(full, 'utf8');
}

/** Loads `labs/<id>/` under `labsDir`. */
export function loadLab(labsDir: string, id: string): LabBundle {
  const dir = path.join(labsDir, id);
  const specFile = path.join(dir, 'lab.json');
  if (!existsSync(specFile)) {
    throw new Error(`lab "${id}" not found: ${specFile} does not exist. Lab ids are folder names under ${labsDir}.`);
  }
  const spec = parseLabSpec(readFileSync(specFile, 'utf8'), specFile);
  if (spec.id !== id) {
    throw new Error(`${specFile}: field "id" is "${spec.id}" but the folder is "${id}": make them equal.`);
  }
  const starter: Record<string, string> = {};
  // A lab folder shipped to a grader may leave its solution out.
  const hasSolution = existsSync(path.join(dir, 'solution'));
  for (const f of spec.files) {
    starter[f] = readLabFile(dir, 'starter', f, 'the editable file');
    if (hasSolution) readLabFile(dir, 'solution', f, 'the solution of');
  }
  for (const f of spec.readonly) starter[f] = readLabFile(dir, 'starter', f, 'the readonly file');
  const tests: Record<string, string> = {};
  for (const f of listFiles(path.join(dir, 'tests')))
    tests[`tests/${f}`] = readFileSync(path.join(dir, 'tests', f), 'utf8');
  if (Object.keys(tests).length === 0 && spec.tests.length > 0) {
    throw new Error(`${dir}: tests/ is empty: add the in-guest test scripts the check command runs.`);
  }
  return { spec, starter, tests };
}

/** The solution's version of every editable file. */
export function loadSolution(labsDir: string, spec: LabSpec): Record<string, string> {
  const dir = path.join(labsDir, spec.id);
  return Object.fromEntries(spec.files.map((f) => [f, readLabFile(dir, 'solution', f, 'the solution of')]));
}

/** Ids of every lab folder (NN-slug) under `labsDir`. */
export function labIds(labsDir: string): string[] {
  return readdirSync(labsDir)
    .filter((name) => /^\d\d-/.test(name) && statSync(path.join(labsDir, name)).isDirectory())
    .sort();
}
