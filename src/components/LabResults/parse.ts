/**
 * The machine-readable output of a lab command: JSON Lines, one object per
 * row (a cell of lab 2's matrix, a point of lab 3's plots). Lines that are
 * not a JSON object (compiler chatter, a crash message) are counted and
 * skipped, so a row is never guessed from free text.
 */
export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface Parsed {
  rows: Row[];
  /** Non-empty lines that were not one JSON object of plain values. */
  skipped: number;
}

function isPlain(v: unknown): v is Value {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** One line as a row, or null. */
export function parseRow(line: string): Row | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    return Object.values(value).every(isPlain) ? (value as Row) : null;
  } catch {
    return null;
  }
}

export function parseRows(output: string): Parsed {
  const rows: Row[] = [];
  let skipped = 0;
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const row = parseRow(line);
    if (row) rows.push(row);
    else skipped++;
  }
  return { rows, skipped };
}

/**
 * Rows from output that arrives in pieces (a command's stream): each complete
 * line is parsed as it arrives, so a table can fill while the command runs.
 */
export class RowStream {
  private pending = '';
  skipped = 0;

  constructor(private readonly onRows: (rows: Row[]) => void) {}

  /** Takes the next piece of output; hands over the rows of the lines it completes. */
  write(text: string): void {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    this.take(lines);
  }

  /** The output ended: its last line counts even without a newline. */
  end(): void {
    this.take([this.pending]);
    this.pending = '';
  }

  private take(lines: string[]): void {
    const parsed = parseRows(lines.join('\n'));
    this.skipped += parsed.skipped;
    if (parsed.rows.length > 0) this.onRows(parsed.rows);
  }
}

/** How a cell is coloured. */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

/**
 * Per column, the tone of a value: matched exactly, then by its first word
 * ("died SEGV" matches "died"), then "*"; columns without rules are neutral.
 */
export type ToneRules = Record<string, Record<string, Tone>>;

export function toneOf(rules: ToneRules, column: string, value: Value): Tone {
  const byValue = rules[column];
  if (!byValue || value === null) return 'neutral';
  const text = String(value);
  return byValue[text] ?? byValue[text.split(' ')[0] ?? ''] ?? byValue['*'] ?? 'neutral';
}
