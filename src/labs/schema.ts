/**
 * The lab spec (`labs/NN-slug/lab.json`): what the student edits, how the lab
 * builds, runs and checks, and the points of each test. One zod schema is
 * the contract for the browser lab, the loader and the grader; its errors
 * name the file, the field and how to fix it.
 */
import * as z from 'zod';

/** A path inside a lab folder: relative, forward slashes, no "..". */
const labPath = z
  .string()
  .min(1)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/, {
    message: 'use a relative path like "src/main.c" (letters, digits, . _ - /; no leading "/" and no "..")',
  });

const timeoutMs = z
  .number()
  .int()
  .min(100, { message: 'a timeout is in milliseconds: use at least 100' })
  .max(600_000, { message: 'a timeout above 10 minutes (600000 ms) is a mistake' });

const command = z.object({
  command: z.string().min(1, { message: 'give the shell command to run in the guest' }),
  timeoutMs: timeoutMs.optional(),
});

const test = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'a test id is lowercase words joined by "-"' }),
  title: z.string().min(1),
  /** The title the Japanese site shows; the grader's report keeps `title`. */
  titleJa: z.string().min(1).optional(),
  points: z.number().int().min(0).max(1000),
  timeoutMs,
});

/** cgroup limits of the student's code in a build, a Run and each test (see labs/README.md). */
const limits = z
  .object({
    memoryMB: z.number().int().min(8).max(64, { message: 'the VM has 80 MB: give the student at most 64' }),
    pids: z.number().int().min(4).max(512),
    cpuMs: z.number().int().min(100).max(600_000),
  })
  .partial()
  .strict();

/** The defaults for what lab.json's "limits" leaves out. */
export const DEFAULT_LIMITS = { memoryMB: 48, pids: 64, cpuMs: 10_000 } as const;

export const labSpecSchema = z
  .object({
    id: z
      .string()
      .regex(/^\d\d-[a-z0-9-]+$/, { message: 'a lab id is "NN-slug", like "01-deadlock", and names its folder' }),
    title: z.string().min(1),
    titleJa: z.string().min(1).optional(),
    version: z.number().int().min(1, { message: 'versions start at 1; bump it when files or tests change' }),
    files: z.array(labPath).min(1, { message: 'name at least one file the student edits (in starter/ and solution/)' }),
    readonly: z.array(labPath).default([]),
    build: command.optional(),
    run: command,
    check: command
      .refine((c) => c.command.includes('{test}'), {
        message: 'the check command must contain "{test}", which is replaced by each test id',
        path: ['command'],
      })
      .optional(),
    tests: z.array(test).default([]),
    limits: limits.default({}),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.tests.length > 0 && !spec.check)
      ctx.addIssue({ code: 'custom', path: ['check'], message: 'a lab with tests needs a check command' });
    const seen = new Set<string>();
    for (const [i, f] of [...spec.files, ...spec.readonly].entries()) {
      if (seen.has(f))
        ctx.addIssue({
          code: 'custom',
          path: ['readonly', i - spec.files.length],
          message: `"${f}" is listed twice: a file is either editable (files) or readonly`,
        });
      seen.add(f);
    }
    const ids = new Set<string>();
    for (const [i, t] of spec.tests.entries()) {
      if (ids.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['tests', i, 'id'], message: `test id "${t.id}" is used twice` });
      ids.add(t.id);
    }
  });

export type LabSpec = z.infer<typeof labSpecSchema>;
export type LabTest = LabSpec['tests'][number];
export type LabLimits = Required<z.infer<typeof limits>>;

/** The lab's limits with the defaults filled in. */
export function labLimits(spec: LabSpec): LabLimits {
  return { ...DEFAULT_LIMITS, ...spec.limits };
}

/** Thrown for an invalid spec; the message lists every problem. */
export class LabSpecError extends Error {}

/** Parses a lab.json text; `where` names the file in messages. */
export function parseLabSpec(text: string, where: string): LabSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LabSpecError(`${where} is not valid JSON: ${(error as Error).message}. Fix the syntax.`);
  }
  const result = labSpecSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `  - field "${field}": ${issue.message}`;
  });
  throw new LabSpecError(
    `${where} is not a valid lab spec:\n${problems.join('\n')}\nSee labs/README.md for the format.`,
  );
}

/** The title a page in `locale` shows for a lab or a test: `titleJa` on the Japanese site when there is one. */
export function localTitle(item: { title: string; titleJa?: string }, locale: string): string {
  return locale === 'ja' && item.titleJa ? item.titleJa : item.title;
}
