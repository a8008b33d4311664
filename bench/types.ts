// The shape of a benchmark case (bench/run.ts runs them and writes the report).

export interface BenchResult {
  name: string;
  /** One line for the console. */
  headline: string;
  /** What was measured and how (Markdown paragraph). */
  summary: string;
  target: { text: string; met: boolean } | null;
  /** Measurement → value, shown as a table. */
  figures: Record<string, string | number>;
  /** What limits the figure, settings, plans (Markdown). */
  notes: string;
  raw: Record<string, unknown>;
}

export interface BenchCase {
  name: string;
  run(log: (line: string) => void): Promise<BenchResult>;
}
