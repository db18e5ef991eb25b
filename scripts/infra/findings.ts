import type { Deployment, ResourceInstance } from './deployment';
import { Ref, render, type Value } from './values';

/** The resource types the checks look for. */
export const TYPES = {
  plan: 'Microsoft.Web/serverfarms',
  site: 'Microsoft.Web/sites',
  siteConfig: 'Microsoft.Web/sites/config',
  bot: 'Microsoft.BotService/botServices',
  channel: 'Microsoft.BotService/botServices/channels',
  account: 'Microsoft.DocumentDB/databaseAccounts',
  database: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
  container: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
  sqlRole: 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
  identity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  vault: 'Microsoft.KeyVault/vaults',
  secret: 'Microsoft.KeyVault/vaults/secrets',
  roleAssignment: 'Microsoft.Authorization/roleAssignments',
  insights: 'Microsoft.Insights/components',
} as const;

/** How every file refers to a resource: type and name. */
export function refOf(r: ResourceInstance, path?: string): Ref {
  const base = `${r.type}(${render(r.body.name ?? null)})`;
  return new Ref(path ? `${base}.${path}` : base);
}

export class Findings {
  readonly problems: string[] = [];

  /** Records `message` unless `ok`; returns `ok`. */
  expect(ok: boolean, message: string): boolean {
    if (!ok) this.problems.push(message);
    return ok;
  }

  /** The one deployed (not `existing`) resource of a type, or a problem. */
  one(d: Deployment, type: string): ResourceInstance | undefined {
    const found = deployed(d, type);
    if (found.length === 1) return found[0];
    this.problems.push(found.length === 0 ? `no ${type} is deployed` : `${found.length} resources of type ${type}, expected one`);
    return undefined;
  }
}

export function deployed(d: Deployment, type: string): ResourceInstance[] {
  return d.resources.filter((r) => r.type === type && !r.existing);
}

export function shown(v: Value | undefined): string {
  return v === undefined ? 'nothing' : render(v);
}

