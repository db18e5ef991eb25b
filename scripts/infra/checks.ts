import type { Deployment } from './deployment';
import { Findings, TYPES, deployed, refOf, shown } from './findings';
import { botProblems, cosmosProblems, siteProblems, vaultProblems } from './resourceChecks';
import { Ref, at, isObjectValue, joinParts, render, sameValue, type Value } from './values';

/** What the code expects of its deployment, read from the code itself by the caller. */
export interface Expectations {
  /** `CONTAINERS` of src/store/containers.ts. */
  containers: Record<string, { partitionKey: string }>;
  /** The environment variables src/config.ts reads. */
  configVariables: readonly string[];
  /** Problems the service's own configuration check finds in the app settings (Refs filled with placeholders). */
  configProblems: (env: Record<string, string>) => string[];
  /** The region everything defaults to. */
  region: string;
}

/** Settings read by the platform or SDKs rather than by src/config.ts. */
const PLATFORM_SETTINGS = [
  /^APPLICATIONINSIGHTS_CONNECTION_STRING$/,
  /^ApplicationInsightsAgent_EXTENSION_VERSION$/,
  /^WEBSITE_/,
  /^SCM_/,
];

const COSMOS_DATA_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002';
const GLOBAL_TYPES: readonly string[] = [TYPES.bot, TYPES.channel];

/**
 * Problems with one evaluated deployment: missing resources, settings not wired to the resources
 * they name, weak transport settings, secrets in outputs or settings, containers that differ from
 * the code's, resources outside the region.
 */
export function deploymentProblems(d: Deployment, expect: Expectations): string[] {
  const f = new Findings();
  const identity = f.one(d, TYPES.identity);
  const account = f.one(d, TYPES.account);
  const site = f.one(d, TYPES.site);
  const bot = f.one(d, TYPES.bot);
  const vault = f.one(d, TYPES.vault);
  const insights = f.one(d, TYPES.insights);
  const database = f.one(d, TYPES.database);
  const settingsResource = f.one(d, TYPES.siteConfig);
  const settings = settingsResource ? at(settingsResource.body, 'properties') : undefined;
  const setting = (name: string): Value | undefined => (isObjectValue(settings) ? settings[name] : undefined);

  if (identity && site) siteProblems(f, d, site, identity);
  if (account && database) cosmosProblems(f, d, account, database, expect);
  if (identity && account) {
    const roles = deployed(d, TYPES.sqlRole);
    f.expect(
      roles.some(
        (r) =>
          sameValue(at(r.body, 'properties.principalId'), refOf(identity, 'properties.principalId')) &&
          sameValue(at(r.body, 'properties.roleDefinitionId'), joinParts([refOf(account, 'id'), `/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR}`])),
      ),
      'the managed identity has no Cosmos DB Built-in Data Contributor role assignment (sqlRoleAssignments) on the account',
    );
  }
  if (!f.expect(isObjectValue(settings), 'the web app has no app settings (Microsoft.Web/sites/config "appsettings")')) return f.problems;

  settingsProblems(f, settings as { [key: string]: Value }, expect);
  if (account) {
    f.expect(
      sameValue(setting('COSMOS_ENDPOINT'), refOf(account, 'properties.documentEndpoint')),
      `COSMOS_ENDPOINT is ${shown(setting('COSMOS_ENDPOINT'))}, not the Cosmos DB account's documentEndpoint`,
    );
  }
  if (database) f.expect(sameValue(setting('COSMOS_DATABASE'), database.body.name), `COSMOS_DATABASE is ${shown(setting('COSMOS_DATABASE'))}, not the deployed database`);
  if (identity) {
    f.expect(
      sameValue(setting('AZURE_CLIENT_ID'), refOf(identity, 'properties.clientId')),
      `AZURE_CLIENT_ID is ${shown(setting('AZURE_CLIENT_ID'))}, not the managed identity's clientId`,
    );
  }
  if (site) {
    f.expect(
      sameValue(setting('PUBLIC_BASE_URL'), joinParts(['https://', refOf(site, 'properties.defaultHostName')])),
      `PUBLIC_BASE_URL is ${shown(setting('PUBLIC_BASE_URL'))}, not https:// and the web app's host name`,
    );
  }
  if (insights) {
    f.expect(
      sameValue(setting('APPLICATIONINSIGHTS_CONNECTION_STRING'), refOf(insights, 'properties.ConnectionString')),
      'APPLICATIONINSIGHTS_CONNECTION_STRING is not the Application Insights connection string',
    );
  }
  if (bot && site && identity) botProblems(f, d, bot, site, identity, setting);
  if (vault && identity) vaultProblems(f, d, vault, identity, setting);
  regionProblems(f, d, expect.region);
  outputProblems(f, d);
  return f.problems;
}

function settingsProblems(f: Findings, settings: { [key: string]: Value }, expect: Expectations): void {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings)) {
    f.expect(
      expect.configVariables.includes(name) || PLATFORM_SETTINGS.some((p) => p.test(name)),
      `app setting ${name} is not read by src/config.ts (a typo?)`,
    );
    const text = render(value);
    f.expect(name !== 'COSMOS_KEY', 'COSMOS_KEY is set: the bot must reach Cosmos DB with its managed identity');
    f.expect(!/\blist\w*\(|secure\(/.test(text), `app setting ${name} holds a secret value; use a Key Vault reference`);
    env[name] = value instanceof Ref ? placeholder(name) : text;
  }
  for (const problem of expect.configProblems(env)) f.problems.push(`the bot would not start with these app settings: ${problem}`);
}

/** A stand-in for a value only Azure knows, shaped as the setting expects. */
function placeholder(name: string): string {
  if (/URL|ENDPOINT/.test(name)) return 'https://placeholder.invalid/';
  if (/_ID$|_IDS$/.test(name)) return '00000000-0000-0000-0000-000000000000';
  return 'placeholder';
}

function regionProblems(f: Findings, d: Deployment, region: string): void {
  const location = d.params.location;
  f.expect(location === region, `the deployment's location is ${shown(location)}, expected ${region}`);
  for (const r of d.resources.filter((x) => !x.existing && 'location' in x.body)) {
    const expected = GLOBAL_TYPES.includes(r.type) ? 'global' : location;
    f.expect(sameValue(r.body.location, expected), `${r.type} ${render(r.body.name ?? null)} is in ${shown(r.body.location)}, not ${shown(expected)}`);
  }
  for (const account of deployed(d, TYPES.account)) {
    const regions = at(account.body, 'properties.locations');
    f.expect(
      Array.isArray(regions) && regions.every((l) => sameValue(at(l, 'locationName'), location)),
      `Cosmos DB replicates outside ${shown(location)}: ${shown(regions)}`,
    );
  }
}

function outputProblems(f: Findings, d: Deployment): void {
  for (const o of d.outputs) {
    const text = render(o.value);
    f.expect(!/\blist\w*\(/.test(text), `output ${o.name} of ${o.file} exposes keys (${text})`);
    f.expect(!text.includes('secure('), `output ${o.name} of ${o.file} exposes a @secure() parameter`);
    f.expect(!/secret.*\.properties\.value/i.test(text), `output ${o.name} of ${o.file} exposes a Key Vault secret value`);
  }
}
