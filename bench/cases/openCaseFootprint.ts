// Benchmark (issue 10, 4): what open cases cost at rest — the worker's resident memory and the read
// model's size with 10,000 and then 100,000 open service requests. The worker is a real child process
// (worker/main.ts); its RSS is read from /proc once every case has run its start (audit event
// `started`, the calendar check and the "request received" notification) and waits on its SLA timer.
import type { BenchCase, BenchResult } from '../types.ts';
import { cloneRequests } from '../support/cloneRows.ts';
import { median, round1, scaled, sleep } from '../support/stats.ts';
import {
  countEvents, environment, readModelSize, rssOf, startBenchSystem, stopQuietly, submitResting, waitForCount, workerPid, type BenchSystem,
} from '../support/system.ts';

const ITEM = 'DUKUNGAN-PL'; // serang Tabel 4.2, target 1 day: no SLA timer fires during the run

interface Stage { target: number; open: number; creationS: number; rate: number; rssMiB: number; peakMiB: number; sizes: Record<string, number>; copiedSizes?: Record<string, number>; repeated?: boolean }

export const openCaseFootprintCase: BenchCase = {
  name: 'worker memory and read-model size with 10,000 and 100,000 open cases',
  async run(log): Promise<BenchResult> {
    const targets = [scaled(10_000, 20), scaled(100_000, 200)];
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
    // Creating cases costs the worker every start's work; on a busy machine 100,000 may not fit: stop at the budget.
    const budgetMin = Number(process.env.BENCH_FOOTPRINT_BUDGET_MIN ?? 45);
    const sys = await startBenchSystem();
    try {
      await sys.startWorker('childProcess');
      const env = await environment(sys);
      const pid = await workerPid(sys);
      await sleep(3_000);
      const idle = await restingRss(pid);
      const idleSizes = await readModelSize(sys);
      log(`worker ${pid} idle: ${idle.rssMiB} MiB`);
      const stages: Stage[] = [];
      let open = 0;
      const budgetEnd = Date.now() + budgetMin * 60_000;
      let rows = 0; // request cases in the read model: real ones and, past the budget, SQL copies
      for (const target of targets) {
        const previous = stages.at(-1);
        let stage: Stage;
        if (Date.now() < budgetEnd) {
          const t0 = performance.now();
          const created = await submitResting(sys, ITEM, target - open, { concurrency, until: budgetEnd, batch: 200, log });
          open += created;
          rows += created;
          await waitUntilResting(sys, open, log);
          const creationS = (performance.now() - t0) / 1000;
          const mem = await restingRss(pid);
          stage = { target, open, creationS, rate: created / creationS, ...mem, sizes: await readModelSize(sys) };
          log(`${open} open: worker ${mem.rssMiB} MiB (peak ${mem.peakMiB}), database ${stage.sizes.database} MiB, ${round1(creationS)} s`);
        } else {
          stage = { ...previous!, target, repeated: true };
        }
        if (open < target) {
          log(`budget of ${budgetMin} min used up at ${open} cases; copying read-model rows up to ${target} for the size`);
          await cloneRequests(sys, target - rows);
          rows = target;
          stage.copiedSizes = await readModelSize(sys);
        }
        stages.push(stage);
      }
      const sizeText = (z: Record<string, number>) => `${z.sigap_case} / ${z.case_event} / ${z.submission} / ${z.notification} / ${z.database} MiB`;
      const figures: Record<string, string | number> = { 'worker RSS idle, no cases': `${idle.rssMiB} MiB` };
      for (const s of stages) {
        const label = s.open === s.target ? s.open.toLocaleString('en') : `${s.open.toLocaleString('en')} (of ${s.target.toLocaleString('en')} planned)`;
        if (!s.repeated) {
          figures[`worker RSS at rest, ${label} open workflows (peak while creating)`] = `${s.rssMiB} MiB (${s.peakMiB} MiB)`;
          figures[`read model, ${label} open: sigap_case / case_event / submission / notification / whole database`] = sizeText(s.sizes);
          figures[`creation until every case rests, up to ${label}`] = `${round1(s.creationS)} s (${round1(s.rate)} cases/s)`;
        }
        if (s.copiedSizes) {
          figures[`read model, ${s.target.toLocaleString('en')} cases (${s.open.toLocaleString('en')} real + ${(s.target - s.open).toLocaleString('en')} SQL copies): same tables`] = sizeText(s.copiedSizes);
        }
      }
      const last = stages.at(-1)!;
      const lastCount = last.copiedSizes ? last.target : last.open;
      const lastDb = (last.copiedSizes ?? last.sizes).database!;
      if (lastCount > stages[0]!.open) {
        figures['read model per case (slope between the sizes, whole database)'] = `${round1(((lastDb - stages[0]!.sizes.database!) * 1024) / (lastCount - stages[0]!.open))} KiB`;
      }
      Object.assign(figures, env);
      const shortfall = stages.find((s) => s.copiedSizes);
      return {
        name: this.name,
        headline: stages.filter((s) => !s.repeated).map((s) => `${s.open}: RSS ${s.rssMiB} MiB, db ${s.sizes.database} MiB${s.copiedSizes ? ` (${s.target} with copies: ${s.copiedSizes.database} MiB)` : ''}`).join('; '),
        summary: `Open service requests (catalogue item ${ITEM}, awaiting classification, one SLA timer each) submitted through the API's service (\`submitRequest\`, in process, concurrency ${concurrency}, in batches of 200 that each wait until the worker has started them): every case has its real intake rows and a running workflow that did its start work. RSS of the worker process (/proc VmRSS, median of three readings 2 s apart once every case has started and been announced) and \`pg_total_relation_size\` of the read-model tables.`,
        target: null,
        figures,
        notes: [
          ...(shortfall ? [
            `**Not the full size:** within the budget of ${budgetMin} minutes (BENCH_FOOTPRINT_BUDGET_MIN) only ${shortfall.open.toLocaleString('en')} of the`,
            `${shortfall.target.toLocaleString('en')} cases could be created on this machine, so the worker RSS is measured with ${shortfall.open.toLocaleString('en')} open workflows; the`,
            `read-model sizes at ${stages.filter((s) => s.copiedSizes).map((s) => s.target.toLocaleString('en')).join(' and ')} add SQL copies of the real cases' rows (bench/support/cloneRows.ts: same contents, new ids; no workflows).`,
            '',
          ] : []),
          `Empty database (migrations and demo tenants): ${idleSizes.database} MiB.`,
          '',
          'What limits the figures: a waiting workflow costs the worker nothing unless it is in the sticky cache; the SDK keeps at most',
          '`maxCachedWorkflows` (its default from the V8 heap limit, shown above) and evicts the least recently used, so the RSS grows with',
          'the cache, not with the number of open cases — beyond the cache size, more open cases cost the worker no memory, only Temporal\'s',
          'history store. The read model grows linearly: per case one `sigap_case` row (Formulir D in JSONB, the SLA clock, a text-search',
          'vector), two audit events (`submitted`, `started`), one submission row (with the workflow input) and one notification per',
          'recipient of "request received" (the requester and each service-desk user). Temporal\'s own storage (the dev server\'s in-memory',
          'SQLite) is not counted.',
        ].join('\n'),
        raw: { idle, idleSizes, stages, concurrency },
      };
    } finally {
      await stopQuietly(sys);
    }
  },
};

/** Waits until `target` cases have started and announced themselves (the last step of a new request's workflow). */
async function waitUntilResting(sys: BenchSystem, target: number, log: (line: string) => void): Promise<void> {
  const timeoutMs = Math.max(600_000, target * 100);
  await waitForCount('cases started', () => countEvents(sys, 'started'), target, timeoutMs, log);
  await waitForCount('cases announced', async () => {
    const [row] = await sys.orm.em.fork().execute<Array<{ n: string }>>(`select count(distinct case_id) as n from notification where template = 'request-received'`);
    return Number(row!.n);
  }, target, timeoutMs, log);
}

async function restingRss(pid: number): Promise<{ rssMiB: number; peakMiB: number }> {
  const readings = [];
  for (let i = 0; i < 3; i++) {
    await sleep(2_000);
    readings.push(await rssOf(pid));
  }
  return { rssMiB: median(readings.map((r) => r.rssMiB)), peakMiB: Math.max(...readings.map((r) => r.peakMiB)) };
}
