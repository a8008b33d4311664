// How the Temporal settings (TEMPORAL_ADDRESS, API key, TLS files) become the connection options that the
// API's Client and the worker's NativeConnection both take: the embedded dev server, Temporal Cloud with an
// API key, and a self-hosted cluster with mutual TLS.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { temporalConnectionOptions } from '../../api/temporal.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sigap-temporal-tls-'));
  await Promise.all([['ca.pem', 'CA'], ['client.pem', 'CERT'], ['client.key', 'KEY']].map(([f, text]) => writeFile(join(dir, f!), `-----${text}-----\n`)));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('without TEMPORAL_ADDRESS the embedded dev server, in plain text', async () => {
  expect(await temporalConnectionOptions(loadConfig({ SIGAP_TEMPORAL_PORT: '7300' }))).toEqual({ address: '127.0.0.1:7300' });
});

test('Temporal Cloud with an API key: TLS is on by itself and the key goes with every call', async () => {
  const config = loadConfig({ TEMPORAL_ADDRESS: 'ap-southeast-1.aws.api.temporal.io:7233', TEMPORAL_NAMESPACE: 'sigap-prod.a1b2c', TEMPORAL_API_KEY: 'key-123' });
  expect(await temporalConnectionOptions(config)).toEqual({ address: 'ap-southeast-1.aws.api.temporal.io:7233', tls: {}, apiKey: 'key-123' });
  expect(config.TEMPORAL_NAMESPACE).toBe('sigap-prod.a1b2c');
});

test('mutual TLS: client certificate and key, private CA and server name are read from their files', async () => {
  const options = await temporalConnectionOptions(loadConfig({
    TEMPORAL_ADDRESS: 'temporal.internal.go.id:7233', TEMPORAL_TLS_CERT_PATH: join(dir, 'client.pem'), TEMPORAL_TLS_KEY_PATH: join(dir, 'client.key'),
    TEMPORAL_TLS_CA_PATH: join(dir, 'ca.pem'), TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
  }));
  expect(options.address).toBe('temporal.internal.go.id:7233');
  expect(options.apiKey).toBeUndefined();
  expect(options.tls?.serverNameOverride).toBe('temporal-frontend');
  expect(options.tls?.serverRootCACertificate?.toString()).toBe('-----CA-----\n');
  expect(options.tls?.clientCertPair?.crt.toString()).toBe('-----CERT-----\n');
  expect(options.tls?.clientCertPair?.key.toString()).toBe('-----KEY-----\n');
});

test('TEMPORAL_TLS decides explicitly: on with the system CAs, or off even with an API key (a TLS-terminating proxy)', async () => {
  expect(await temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TLS: 'true' }))).toEqual({ address: 'temporal:7233', tls: {} });
  expect(await temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'proxy:7233', TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' }))).toEqual({ address: 'proxy:7233', apiKey: 'k' });
});

test('server-only TLS with a private CA: the CA file alone turns TLS on', async () => {
  expect(await temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TLS_CA_PATH: join(dir, 'ca.pem') })))
    .toEqual({ address: 'temporal:7233', tls: { serverRootCACertificate: Buffer.from('-----CA-----\n') } });
});

test('a missing certificate file stops the start with the path named', async () => {
  await expect(temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TLS_CA_PATH: join(dir, 'missing.pem') })))
    .rejects.toThrow(/missing\.pem/);
});
