// Small statistics and load helpers shared by the benchmark cases.
import os from 'node:os';

/** Nearest-rank percentile (p in 0…100) of a sample; NaN for an empty one. */
export function percentile(sample: readonly number[], p: number): number {
  if (!sample.length) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export interface Distribution { n: number; p50: number; p90: number; p99: number; max: number; min: number; mean: number }

export function distribution(sample: readonly number[]): Distribution {
  const mean = sample.reduce((a, b) => a + b, 0) / (sample.length || 1);
  return {
    n: sample.length, p50: percentile(sample, 50), p90: percentile(sample, 90), p99: percentile(sample, 99),
    max: percentile(sample, 100), min: percentile(sample, 0.0001), mean,
  };
}

/** Milliseconds with one decimal, as text. */
export const ms = (x: number): string => `${Math.round(x * 10) / 10} ms`;
export const round1 = (x: number): number => Math.round(x * 10) / 10;

/** "p50 … / p99 … / max …" of a distribution in milliseconds. */
export const spread = (d: Distribution): string => `p50 ${ms(d.p50)} · p99 ${ms(d.p99)} · max ${ms(d.max)} (n=${d.n})`;

/** Runs `task(i)` for i in 0…count-1, at most `concurrency` at a time; returns each task's duration in ms. */
export async function runPool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const durations = new Array<number>(count);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      await task(i);
      durations[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return durations;
}

/** The 1/5/15-minute load averages, rounded, e.g. "1.52 / 1.10 / 0.80". */
export function loadAverage(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(' / ');
}

/** `BENCH_SCALE` (default 1) times a full-size count, at least `min`. */
export function scaled(full: number, min = 1): number {
  return Math.max(min, Math.round(full * benchScale()));
}

export function benchScale(): number {
  const raw = process.env.BENCH_SCALE;
  const scale = raw === undefined ? 1 : Number(raw);
  if (!(scale > 0)) throw new Error(`BENCH_SCALE must be a positive number, got "${raw}"`);
  return scale;
}

export const sleep = (msToWait: number): Promise<void> => new Promise((r) => setTimeout(r, msToWait));

export const median = (sample: readonly number[]): number => percentile(sample, 50);
