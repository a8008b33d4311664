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
  /** Set by bench/run.ts: when and under which conditions this case was measured. */
  measured?: Measured;
}

export interface Measured {
  /** ISO time the case finished. */
  at: string;
  durationS: number;
  /** os.loadavg() (1/5/15 min) when the case started and when it finished. */
  loadBefore: string;
  loadAfter: string;
  /** BENCH_SCALE (1 = the sizes the issue names). */
  scale: number;
  machine: Machine;
}

export interface Machine { cpu: string; cores: number; ramGiB: number; os: string; node: string }

export interface BenchCase {
  name: string;
  run(log: (line: string) => void): Promise<BenchResult>;
}
