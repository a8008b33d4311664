// A machine client's key. Only its SHA-256 is stored; prefix is the start of the key, shown to
// admins so they can tell keys apart.
import { defineEntity, p } from '@mikro-orm/core';

const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    tenantId: p.text(),
    name: p.text(),
    prefix: p.text(),
    /** Hex SHA-256 of the whole key. */
    keyHash: p.text().unique(),
    scopes: p.array().onCreate(() => []),
    roles: p.array().onCreate(() => []),
    createdBy: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
});

export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
