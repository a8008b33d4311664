// A person known to Sigap (seeded or first seen through OIDC); roles are the regulation's role ids.
import { defineEntity, p } from '@mikro-orm/core';

const AppUserSchema = defineEntity({
  name: 'AppUser',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    tenantId: p.text(),
    username: p.text(),
    name: p.text(),
    nip: p.text().nullable(),
    unit: p.text().nullable(),
    email: p.text().nullable(),
    roles: p.array().onCreate(() => []),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['tenantId', 'username'] }],
});

export class AppUser extends AppUserSchema.class {}
AppUserSchema.setClass(AppUser);
