// The table `npm run bench:vscode` prints: one row per figure, the median of
// its runs, the issue's budget, and the range. Printed, never asserted.

export type Unit = 'ms' | 'MB' | 'frames';

export interface Figure {
  readonly name: string;
  readonly values: readonly number[];
  readonly unit: Unit;
  /** The issue's budget, or '—' where it sets none. */
  readonly budget: string;
}

/** A measurement that could not be taken, with why; the run then exits non-zero. */
export interface Missing {
  readonly name: string;
  readonly reason: string;
}

export type Row = Figure | Missing;

export const isMissing = (row: Row): row is Missing => 'reason' in row;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Pairwise differences (after[i] − before[i]) of two series read the same number of times. */
export function differences(after: readonly number[], before: readonly number[]): number[] {
  return after.map((value, i) => value - before[Math.min(i, before.length - 1)]);
}

export function format(value: number, unit: Unit): string {
  switch (unit) {
    case 'ms':
      return `${value.toFixed(0)} ms`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'frames':
      return `${value.toFixed(0)}`;
  }
}

function line(row: Row): string {
  if (isMissing(row)) {
    return `${row.name.padEnd(64)} not measured: ${row.reason}`;
  }
  const { name, values, unit, budget } = row;
  const range = `[${format(Math.min(...values), unit)} – ${format(Math.max(...values), unit)}]`;
  return `${`${name} (${values.length})`.padEnd(64)} ${format(median(values), unit).padStart(9)}   ${`(budget ${budget})`.padEnd(20)} ${range}`;
}

/** A section of the table: a heading line, then its rows. */
export interface Section {
  readonly heading: string;
  readonly rows: readonly Row[];
}

export function printTable(title: string, sections: readonly Section[]): void {
  console.log(`\n=== ${title} ===`);
  console.log('median (runs) [min – max]; times from just before the input event to the first animation frame showing its effect');
  for (const { heading, rows } of sections) {
    console.log(`\n${heading}`);
    rows.forEach((row) => console.log(line(row)));
  }
}
