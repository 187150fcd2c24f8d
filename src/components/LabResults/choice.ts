/**
 * A choice the reader makes before a run (lab 2: which faults to inject):
 * the chosen values go into the commands in place of "{key}", separated by
 * spaces. Values are single words, so they are safe in a shell command.
 */
export interface Choice {
  /** The placeholder's name: "{key}" in a command. */
  key: string;
  /** The legend of the checkboxes. */
  label: string;
  /** Every value the reader may choose; all are chosen at first. */
  values: string[];
}

const WORD = /^[A-Za-z0-9_.-]+$/;

/** `command` with "{key}" replaced by the chosen values; throws on a value that is not one word. */
export function fillChoice(command: string, key: string, chosen: readonly string[]): string {
  const bad = chosen.find((v) => !WORD.test(v));
  if (bad !== undefined) throw new Error(`"${bad}" is not a single word (letters, digits, _ . -)`);
  return command.split(`{${key}}`).join(chosen.join(' '));
}

/** `chosen` with `value` added or removed, in the order of `values`. */
export function toggle(values: readonly string[], chosen: readonly string[], value: string): string[] {
  const next = new Set(chosen);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return values.filter((v) => next.has(v));
}
