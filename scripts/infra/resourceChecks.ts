import type { Deployment, ResourceInstance } from './deployment';
import { TYPES, deployed, refOf, shown, type Findings } from './findings';
import type { Expectations } from './checks';
import { at, isObjectValue, joinParts, render, sameValue, type Value } from './values';

const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

/** The web app: Linux, Node, HTTPS only, TLS 1.2+, started with node, running as the identity. */
export function siteProblems(f: Findings, d: Deployment, site: ResourceInstance, identity: ResourceInstance): void {
  const plan = f.one(d, TYPES.plan);
  if (plan) f.expect(at(plan.body, 'properties.reserved') === true, 'the App Service plan is not a Linux plan (properties.reserved)');
  const kind = site.body.kind;
  f.expect(typeof kind === 'string' && kind.includes('linux'), `the web app's kind is ${shown(kind)}, not Linux`);
  f.expect(at(site.body, 'properties.httpsOnly') === true, 'the web app does not set httpsOnly: true');
  for (const key of ['minTlsVersion', 'scmMinTlsVersion']) {
    const v = at(site.body, `properties.siteConfig.${key}`);
    f.expect(v === '1.2' || v === '1.3', `siteConfig.${key} is ${shown(v)}, must be 1.2 or later`);
  }
  const ftps = at(site.body, 'properties.siteConfig.ftpsState');
  f.expect(ftps === 'Disabled' || ftps === 'FtpsOnly', `siteConfig.ftpsState is ${shown(ftps)}: plain FTP must be off`);
  const runtime = at(site.body, 'properties.siteConfig.linuxFxVersion');
  f.expect(typeof runtime === 'string' && /^NODE\|(20|22)(-lts)?$/i.test(runtime), `linuxFxVersion is ${shown(runtime)}, not Node 20 or 22`);
  const start = at(site.body, 'properties.siteConfig.appCommandLine');
  f.expect(
    typeof start === 'string' && /^node(\s+--[\w-]+)*\s+dist\/main\.js$/.test(start),
    `the start command is ${shown(start)}: run node dist/main.js directly so SIGTERM reaches the process`,
  );
  const idRef = refOf(identity, 'id');
  const assigned = at(site.body, 'identity.userAssignedIdentities');
  f.expect(
    isObjectValue(assigned) && Object.keys(assigned).includes(render(joinParts([idRef]))),
    'the web app does not run as the user-assigned managed identity',
  );
  f.expect(
    sameValue(at(site.body, 'properties.keyVaultReferenceIdentity'), idRef),
    'keyVaultReferenceIdentity is not the managed identity, so Key Vault references cannot resolve',
  );
}

/** Cosmos DB: serverless, keys off, TLS 1.2, and the containers of the code with their partition keys. */
export function cosmosProblems(f: Findings, d: Deployment, account: ResourceInstance, database: ResourceInstance, expect: Expectations): void {
  const capabilities = at(account.body, 'properties.capabilities');
  f.expect(
    Array.isArray(capabilities) && capabilities.some((c) => at(c, 'name') === 'EnableServerless'),
    'the Cosmos DB account is not serverless (capability EnableServerless)',
  );
  f.expect(at(account.body, 'properties.disableLocalAuth') === true, 'the Cosmos DB account accepts account keys (disableLocalAuth is not true)');
  f.expect(at(account.body, 'properties.minimalTlsVersion') === 'Tls12', 'the Cosmos DB account does not require TLS 1.2 (minimalTlsVersion)');
  f.expect(sameValue(database.body.parent, refOf(account)), 'the SQL database is not in the Cosmos DB account');
  const containers = deployed(d, TYPES.container).filter((c) => sameValue(c.body.parent, refOf(database)));
  const found = new Map(containers.map((c) => [render(c.body.name ?? null), at(c.body, 'properties.resource.partitionKey.paths')]));
  for (const [name, { partitionKey }] of Object.entries(expect.containers)) {
    const paths = found.get(name);
    if (!f.expect(paths !== undefined, `container ${name} (src/store/containers.ts) is not deployed`)) continue;
    f.expect(sameValue(paths, [partitionKey]), `container ${name} has partition key ${shown(paths)}, the code uses ${partitionKey}`);
  }
  for (const name of found.keys()) f.expect(name in expect.containers, `container ${name} is deployed but unknown to src/store/containers.ts`);
}

/** Azure Bot: endpoint on the web app, Teams channel, identity matching the app settings. */
export function botProblems(
  f: Findings,
  d: Deployment,
  bot: ResourceInstance,
  site: ResourceInstance,
  identity: ResourceInstance,
  setting: (name: string) => Value | undefined,
): void {
  const endpoint = at(bot.body, 'properties.endpoint');
  f.expect(
    sameValue(endpoint, joinParts(['https://', refOf(site, 'properties.defaultHostName'), '/api/messages'])),
    `the bot's messaging endpoint is ${shown(endpoint)}, not https://<web app host>/api/messages`,
  );
  const teams = deployed(d, TYPES.channel).find((c) => c.body.name === 'MsTeamsChannel' && sameValue(c.body.parent, refOf(bot)));
  if (f.expect(teams !== undefined, 'the bot has no Microsoft Teams channel (MsTeamsChannel)') && teams) {
    f.expect(at(teams.body, 'properties.channelName') === 'MsTeamsChannel', 'the Teams channel resource does not name MsTeamsChannel');
    f.expect(at(teams.body, 'properties.properties.isEnabled') === true, 'the Teams channel is not enabled');
  }
  const type = at(bot.body, 'properties.msaAppType');
  f.expect(type === setting('MICROSOFT_APP_TYPE'), `the bot's msaAppType ${shown(type)} differs from MICROSOFT_APP_TYPE ${shown(setting('MICROSOFT_APP_TYPE'))}`);
  f.expect(sameValue(at(bot.body, 'properties.msaAppId'), setting('MICROSOFT_APP_ID')), "the bot's msaAppId differs from MICROSOFT_APP_ID");
  f.expect(
    sameValue(at(bot.body, 'properties.msaAppTenantId'), setting('MICROSOFT_APP_TENANT_ID')),
    "the bot's msaAppTenantId differs from MICROSOFT_APP_TENANT_ID",
  );
  if (type === 'UserAssignedMSI') {
    f.expect(sameValue(setting('MICROSOFT_APP_ID'), refOf(identity, 'properties.clientId')), "with UserAssignedMSI, MICROSOFT_APP_ID must be the identity's clientId");
    f.expect(sameValue(at(bot.body, 'properties.msaAppMSIResourceId'), refOf(identity, 'id')), 'with UserAssignedMSI, msaAppMSIResourceId must be the identity');
    f.expect(setting('MICROSOFT_APP_PASSWORD') === undefined, 'with UserAssignedMSI there is no MICROSOFT_APP_PASSWORD');
  }
}

/** Key Vault: RBAC, readable by the identity, holding the client secret the settings refer to. */
export function vaultProblems(f: Findings, d: Deployment, vault: ResourceInstance, identity: ResourceInstance, setting: (name: string) => Value | undefined): void {
  f.expect(at(vault.body, 'properties.enableRbacAuthorization') === true, 'Key Vault does not use RBAC authorization');
  f.expect(
    deployed(d, TYPES.roleAssignment).some(
      (r) =>
        sameValue(r.body.scope, refOf(vault)) &&
        sameValue(at(r.body, 'properties.principalId'), refOf(identity, 'properties.principalId')) &&
        render(at(r.body, 'properties.roleDefinitionId') ?? null).includes(KEY_VAULT_SECRETS_USER),
    ),
    'the managed identity may not read Key Vault secrets (Key Vault Secrets User role assignment)',
  );
  if (at(d.resources.find((r) => r.type === TYPES.bot)?.body, 'properties.msaAppType') !== 'SingleTenant') return;
  const secret = deployed(d, TYPES.secret).find((s) => sameValue(s.body.parent, refOf(vault)));
  if (!f.expect(secret !== undefined, 'a SingleTenant bot needs its client secret in Key Vault') || !secret) return;
  f.expect(render(at(secret.body, 'properties.value') ?? null).includes('secure('), 'the Key Vault secret value does not come from a @secure() parameter');
  const reference = joinParts(['@Microsoft.KeyVault(VaultName=', vault.body.name ?? null, ';SecretName=', secret.body.name ?? null, ')']);
  f.expect(
    sameValue(setting('MICROSOFT_APP_PASSWORD'), reference),
    `MICROSOFT_APP_PASSWORD is ${shown(setting('MICROSOFT_APP_PASSWORD'))}, not a Key Vault reference to the bot's secret`,
  );
}

