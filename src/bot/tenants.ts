import type { Activity } from 'botbuilder';

/**
 * Where an activity names a tenant. Teams puts the tenant in `channelData.tenant.id` and
 * `conversation.tenantId`; an account may carry its own (`from.tenantId`, `recipient.tenantId`).
 * Each is part of what the activity claims, so each must pass.
 */
const TENANT_FIELDS: readonly { path: string; read: (a: Partial<Activity>) => unknown }[] = [
  { path: 'channelData.tenant.id', read: (a) => field(field(a.channelData, 'tenant'), 'id') },
  { path: 'conversation.tenantId', read: (a) => field(a.conversation, 'tenantId') },
  { path: 'from.tenantId', read: (a) => field(a.from, 'tenantId') },
  { path: 'recipient.tenantId', read: (a) => field(a.recipient, 'tenantId') },
];

export type TenantDecision =
  | { kind: 'accepted'; tenant: string | null }
  | { kind: 'refused'; reason: 'none' | 'malformed' | 'disagree' | 'notAllowed'; fields: string[] };

/**
 * Accepts an activity only when every tenant field it carries is a tenant id, they all name the
 * same tenant, and (with an allow-list) that tenant is allowed; an activity naming no tenant passes
 * only without an allow-list (local development). Tenant ids are GUIDs: compared without case.
 */
export function decideTenant(activity: Partial<Activity>, allowed: readonly string[]): TenantDecision {
  const present = TENANT_FIELDS.map((f) => ({ path: f.path, value: f.read(activity) })).filter((f) => f.value !== undefined && f.value !== null);
  const malformed = present.filter((f) => typeof f.value !== 'string' || f.value.trim() === '' || f.value.length > 128);
  if (malformed.length > 0) return { kind: 'refused', reason: 'malformed', fields: malformed.map((f) => f.path) };
  const named = present.map((f) => ({ path: f.path, tenant: normal(f.value as string) }));
  if (new Set(named.map((f) => f.tenant)).size > 1) return { kind: 'refused', reason: 'disagree', fields: named.map((f) => f.path) };
  const tenant = named[0]?.tenant ?? null;
  if (allowed.length === 0) return { kind: 'accepted', tenant };
  if (tenant === null) return { kind: 'refused', reason: 'none', fields: [] };
  if (!allowed.some((a) => normal(a) === tenant)) return { kind: 'refused', reason: 'notAllowed', fields: named.map((f) => f.path) };
  return { kind: 'accepted', tenant };
}

function normal(tenant: string): string {
  return tenant.trim().toLowerCase();
}

function field(holder: unknown, key: string): unknown {
  return typeof holder === 'object' && holder !== null && !Array.isArray(holder) ? (holder as Record<string, unknown>)[key] : undefined;
}
