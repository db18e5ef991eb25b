import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINERS } from '../../../src/store/containers';
import { infraExpectations, infraFiles } from '../../../scripts/checkInfra';
import { createBicepParser, type BicepParser } from '../../../scripts/infra/bicep';
import { checkInfra } from '../../../scripts/infra/checkInfra';
import { evaluateDeployment, type Deployment } from '../../../scripts/infra/deployment';
import { parameterFileValues } from '../../../scripts/infra/functions';
import { at, render } from '../../../scripts/infra/values';

const ROOT = join(__dirname, '..', '..', '..');
const { main, parameterFiles } = infraFiles(ROOT);
const PROD = parameterFiles.find((f) => f.endsWith('prod.parameters.json'))!;

/** Reads the repository's files, with some replaced by edited copies. */
function files(edits: Record<string, (text: string) => string> = {}): (path: string) => string {
  return (path) => {
    const text = readFileSync(path, 'utf8');
    const edit = Object.entries(edits).find(([suffix]) => path.endsWith(suffix));
    if (!edit) return text;
    const edited = edit[1](text);
    assert.notEqual(edited, text, `the edit of ${edit[0]} changed nothing`);
    return edited;
  };
}

describe('Azure infrastructure (Bicep, checked offline)', () => {
  let parser: BicepParser;
  const check = (read = files(), expect = infraExpectations()) => checkInfra(parser, read, main, parameterFiles, expect);
  const evaluate = (read = files()): Deployment =>
    evaluateDeployment(parser, read, main, parameterFileValues(JSON.parse(readFileSync(PROD, 'utf8')), PROD));

  before(async () => {
    parser = await createBicepParser();
  });

  it('has a parameter file per environment, and passes every check with each', () => {
    assert.deepEqual(
      parameterFiles.map((f) => f.slice(ROOT.length + 1)),
      ['infra/parameters/prod.parameters.json', 'infra/parameters/test.parameters.json'],
    );
    assert.deepEqual(check(), []);
  });

  it('deploys the containers the code uses, each with the code\'s partition key', () => {
    const containers = evaluate().resources.filter((r) => r.type === 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
    assert.deepEqual(
      Object.fromEntries(containers.map((c) => [c.body.name, at(c.body, 'properties.resource.partitionKey.paths')])),
      Object.fromEntries(Object.entries(CONTAINERS).map(([name, c]) => [name, [c.partitionKey]])),
    );
  });

  it('points the bot at the web app and the web app at Cosmos DB through its managed identity', () => {
    const d = evaluate();
    const settings = d.resources.find((r) => r.type === 'Microsoft.Web/sites/config')!.body.properties as Record<string, unknown>;
    const endpoint = at(d.resources.find((r) => r.type === 'Microsoft.BotService/botServices')!.body, 'properties.endpoint');
    assert.match(render(endpoint ?? null), /^\{'https:\/\/\{Microsoft\.Web\/sites\(.*\)\.properties\.defaultHostName\}\/api\/messages'\}$/);
    assert.match(render(settings.COSMOS_ENDPOINT as string), /^\{Microsoft\.DocumentDB\/databaseAccounts\(.*\)\.properties\.documentEndpoint\}$/);
    assert.match(render(settings.AZURE_CLIENT_ID as string), /^\{Microsoft\.ManagedIdentity\/userAssignedIdentities\(lvbot-prod-id\)\.properties\.clientId\}$/);
    assert.equal(settings.COSMOS_KEY, undefined);
    assert.match(render(settings.MICROSOFT_APP_PASSWORD as string), /^\{'@Microsoft\.KeyVault\(VaultName=.*;SecretName=bot-app-password\)'\}$/);
  });

  it('fails when a container\'s partition key in the Bicep differs from the code', () => {
    const read = files({ 'cosmos.bicep': (t) => t.replace("name: 'meetings'\n    partitionKey: '/pk'", "name: 'meetings'\n    partitionKey: '/meetingId'") });
    const problems = check(read);
    assert.ok(problems.includes('prod.parameters.json: container meetings has partition key ["/meetingId"], the code uses /pk'), problems.join('\n'));
    assert.ok(problems.includes('test.parameters.json: container meetings has partition key ["/meetingId"], the code uses /pk'));
  });

  it('fails when the code has a container the Bicep does not deploy', () => {
    const expect = { ...infraExpectations(), containers: { ...CONTAINERS, audit: { partitionKey: '/pk' } } };
    assert.ok(check(files(), expect).includes('prod.parameters.json: container audit (src/store/containers.ts) is not deployed'));
  });

  it('fails when the Cosmos endpoint or the identity is not wired, or an account key is handed out', () => {
    const problems = check(
      files({
        'web.bicep': (t) =>
          t
            .replace('COSMOS_ENDPOINT: cosmosAccount.properties.documentEndpoint', "COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/'")
            .replace('AZURE_CLIENT_ID: identity.properties.clientId', "AZURE_CLIENT_ID: 'not-the-identity'\n  COSMOS_KEY: cosmosAccount.listKeys().primaryMasterKey"),
      }),
    );
    assert.ok(problems.some((p) => p.startsWith("prod.parameters.json: COSMOS_ENDPOINT is https://example.documents.azure.com:443/, not the Cosmos DB account's documentEndpoint")));
    assert.ok(problems.includes("prod.parameters.json: AZURE_CLIENT_ID is not-the-identity, not the managed identity's clientId"));
    assert.ok(problems.includes('prod.parameters.json: COSMOS_KEY is set: the bot must reach Cosmos DB with its managed identity'));
    assert.ok(problems.includes('prod.parameters.json: app setting COSMOS_KEY holds a secret value; use a Key Vault reference'));
  });

  it('fails when an output hands out keys or the bot secret', () => {
    const problems = check(
      files({
        'cosmos.bicep': (t) => `${t}\noutput primaryKey string = account.listKeys().primaryMasterKey\n`,
        'keyVault.bicep': (t) => `${t}\noutput password string = botAppPassword\n`,
      }),
    );
    assert.ok(problems.some((p) => p.startsWith('prod.parameters.json: output primaryKey of') && p.includes('exposes keys')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('prod.parameters.json: output password of') && p.endsWith('exposes a @secure() parameter')));
  });

  it('fails without HTTPS only, with TLS below 1.2, or when npm starts the app', () => {
    const problems = check(
      files({
        'web.bicep': (t) =>
          t
            .replace('httpsOnly: true', 'httpsOnly: false')
            .replace("minTlsVersion: '1.2'", "minTlsVersion: '1.0'")
            .replace("appCommandLine: 'node --enable-source-maps dist/main.js'", "appCommandLine: 'npm start'"),
      }),
    );
    assert.ok(problems.includes('prod.parameters.json: the web app does not set httpsOnly: true'));
    assert.ok(problems.includes('prod.parameters.json: siteConfig.minTlsVersion is 1.0, must be 1.2 or later'));
    assert.ok(problems.some((p) => p.includes('the start command is npm start')));
  });

  it('fails when the messaging endpoint is not the web app\'s /api/messages', () => {
    const problems = check(files({ 'main.bicep': (t) => t.replace('/api/messages', '/api/message') }));
    assert.ok(problems.some((p) => p.startsWith("prod.parameters.json: the bot's messaging endpoint is") && p.endsWith('not https://<web app host>/api/messages')));
  });

  it('fails when the region moves out of Sweden', () => {
    const problems = check(
      files({
        'main.bicep': (t) => t.replace("param location string = 'swedencentral'", "param location string = 'westeurope'"),
        'monitoring.bicep': (t) => t.replace('name: workspaceName\n  location: location', "name: workspaceName\n  location: 'northeurope'"),
      }),
    );
    assert.ok(problems.some((p) => p.includes("parameter location must default to 'swedencentral'")));
    assert.ok(problems.includes('prod.parameters.json: Microsoft.OperationalInsights/workspaces lvbot-prod-logs is in northeurope, not swedencentral'));
  });

  it('fails on an app setting the code does not read, and on settings the bot would refuse at start', () => {
    const problems = check(
      files({ 'web.bicep': (t) => t.replace('COSMOS_DATABASE: cosmosDatabaseName', 'COSMOS_DATABSE: cosmosDatabaseName').replace("DEFAULT_LOCALE: 'sv'", "DEFAULT_LOCALE: 'fi'") }),
    );
    assert.ok(problems.includes('prod.parameters.json: app setting COSMOS_DATABSE is not read by src/config.ts (a typo?)'));
    assert.ok(problems.includes('prod.parameters.json: the bot would not start with these app settings: DEFAULT_LOCALE must be sv or en'));
  });

  it('fails on a syntax error, naming the file and line', () => {
    const problems = check(files({ 'bot.bicep': (t) => t.replace("channelName: 'MsTeamsChannel'", "channelName: 'MsTeamsChannel' +") }));
    assert.ok(problems.some((p) => /^prod\.parameters\.json: .*infra\/modules\/bot\.bicep:\d+:\d+: syntax error/.test(p)), problems.join('\n'));
  });

  it('fails on a parameter file value the template does not allow', () => {
    const problems = check(files({ 'prod.parameters.json': (t) => t.replace('"SingleTenant"', '"MultiTenant"') }));
    assert.ok(problems.some((p) => p.startsWith('prod.parameters.json:') && p.includes('botAppType must be one of SingleTenant, UserAssignedMSI (got MultiTenant)')));
  });
});
