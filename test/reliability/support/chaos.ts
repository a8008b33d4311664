// Kill -9 at random points, reproducibly: a seeded plan (fast-check draws it from the seed) of which
// process dies when and how long it stays down. The seed is printed; SIGAP_RELIABILITY_SEED=<seed>
// replays the same plan (the load's timing still varies from run to run).
import fc from 'fast-check';
import type { KillableSystem } from './killableSystem.ts';

export type Victim = 'worker' | 'api' | 'postgres';
export interface Kill { victim: Victim; afterMs: number; downMs: number }

export function chaosSeed(): number {
  const given = process.env.SIGAP_RELIABILITY_SEED;
  return given !== undefined && given !== '' ? Number(given) : Date.now() % 2 ** 31;
}

/**
 * Every victim at least once (in a random order), then `extra` more of any kind. `afterMs`: time after the
 * previous restart; `downMs`: time the process stays dead.
 */
export function chaosPlan(seed: number, extra: number, maxAfterMs: number): Kill[] {
  const victims: Victim[] = ['worker', 'api', 'postgres'];
  const kill = (victim: fc.Arbitrary<Victim>) =>
    // noBias: spread the points evenly (fast-check otherwise favours the bounds).
    fc.record({ victim, afterMs: fc.noBias(fc.integer({ min: 500, max: maxAfterMs })), downMs: fc.noBias(fc.integer({ min: 100, max: 3_000 })) });
  const arbitrary = fc.tuple(
    fc.shuffledSubarray(victims, { minLength: 3, maxLength: 3 }).chain((order) => fc.tuple(...order.map((v) => kill(fc.constant(v))))),
    fc.array(kill(fc.constantFrom(...victims)), { minLength: extra, maxLength: extra }),
  ).map(([first, more]) => [...first, ...more]);
  return fc.sample(arbitrary, { seed, numRuns: 1 })[0]!;
}

/** Runs the plan against the system: kill -9, wait, start again (and wait until it serves). Returns a log. */
export async function runChaos(system: KillableSystem, plan: Kill[], log: (line: string) => void): Promise<void> {
  for (const k of plan) {
    await new Promise((r) => setTimeout(r, k.afterMs));
    log(`kill -9 ${k.victim}`);
    if (k.victim === 'worker') await system.killWorker();
    else if (k.victim === 'api') await system.killApi();
    else await system.postgres.kill();
    await new Promise((r) => setTimeout(r, k.downMs));
    if (k.victim === 'worker') await system.startWorker();
    else if (k.victim === 'api') await system.startApi();
    else await system.postgres.restart();
    log(`${k.victim} back`);
  }
}
