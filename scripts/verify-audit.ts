// Verifies the audit trail's hash chains: scripts/node scripts/verify-audit.ts [--tenant <id>] [--case <uuid>] [--json]
// Exits 0 when every chain holds from event 0, 1 when a case's chain is broken (each broken case is printed
// with the first sequence number that fails), 2 on a usage error. Read-only; safe against a running system.
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../config/index.ts';
import { createOrmConfig } from '../db/config.ts';
import { resolveDatabaseUrl } from '../db/resolveUrl.ts';
import { verifyAuditTrail } from '../db/auditVerify.ts';

let values: { tenant?: string; case?: string; json?: boolean };
try {
  ({ values } = parseArgs({ options: { tenant: { type: 'string' }, case: { type: 'string' }, json: { type: 'boolean' } } }));
} catch (err) {
  console.error(`${(err as Error).message}\nUsage: scripts/node scripts/verify-audit.ts [--tenant <id>] [--case <uuid>] [--json]`);
  process.exit(2);
}
if (values.case !== undefined && !/^[0-9a-f-]{36}$/i.test(values.case)) {
  console.error(`--case needs a case id (uuid), got "${values.case}"`);
  process.exit(2);
}

const orm = await MikroORM.init(createOrmConfig(await resolveDatabaseUrl(loadConfig())));
try {
  const result = await verifyAuditTrail(orm.em.fork(), { tenantId: values.tenant, caseId: values.case });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    for (const b of result.breaks) {
      console.log(`RUSAK / BROKEN  ${b.tenantId} ${b.number} (${b.caseId}) seq ${b.seq}: ${b.reason}`);
    }
    console.log(`${result.cases} kasus / cases, ${result.events} peristiwa / events, ${result.breaks.length} rantai rusak / broken chains`);
  }
  process.exitCode = result.breaks.length > 0 ? 1 : 0;
} finally {
  await orm.close(true);
}
