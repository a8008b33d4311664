// A tenant is one agency; its id is a short slug ('serang') used in URLs and logs.
import { defineEntity, p } from '@mikro-orm/core';

const TenantSchema = defineEntity({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    id: p.text().primary(),
    name: p.text(),
    profileId: p.text(),
    timezone: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Tenant extends TenantSchema.class {}
TenantSchema.setClass(Tenant);
