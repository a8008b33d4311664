// Prints a bearer token for a demo user:  npm run token -- <username> [--tenant <id>]
// Demo mode only: the API verifies these tokens with the demo key under SIGAP_DATA_DIR/demo-keys.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { ensureDemoKeys, signDemoToken } from '../api/auth/demoKeys.ts';
import { demoTenants } from './demo.ts';

const config = loadConfig();
const { positionals, values } = parseArgs({ allowPositionals: true, options: { tenant: { type: 'string', default: config.SIGAP_DEFAULT_TENANT } } });
const username = positionals[0];
const tenant = demoTenants().find((t) => t.id === values.tenant);
const user = tenant?.users.find((u) => u.username === username);
if (!tenant || !user) {
  const list = demoTenants().map((t) => `  ${t.id}: ${t.users.map((u) => `${u.username} (${u.roles.join(', ')})`).join(', ')}`).join('\n');
  console.error(`Pengguna demo tidak dikenal / unknown demo user "${username ?? ''}" in tenant "${values.tenant}".\nDemo users:\n${list}`);
  process.exit(2);
}
if (!config.demo) {
  console.error('Demo tokens are off: OIDC_ISSUER is set, so tokens come from the identity provider.');
  process.exit(2);
}
const keys = await ensureDemoKeys(config.SIGAP_DATA_DIR);
const token = await signDemoToken(keys, { username: user.username, name: user.name, roles: user.roles, tenantId: tenant.id, unit: user.unit, nip: user.nip },
  undefined, config.OIDC_AUDIENCE ? { audience: config.OIDC_AUDIENCE } : {});
process.stdout.write(`${token}\n`);
