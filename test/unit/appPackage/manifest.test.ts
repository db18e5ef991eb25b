import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { CONTRACT_VERBS } from '../../../src/features';
import type { FeatureRegistry } from '../../../src/bot/registry';
import { AppPackageError, buildAppPackage, zipAppPackage } from '../../../scripts/appPackage/build';
import { commandsWithoutHandler, manifestCommands, type Json } from '../../../scripts/appPackage/checks';
import { createSchemaValidator, type SchemaValidator } from '../../../scripts/appPackage/manifestSchema';
import { encodePng } from '../../../scripts/appPackage/png';
import { MissingVariablesError } from '../../../scripts/appPackage/variables';
import { botRegistry, handlesCommand } from './botRegistry';
import { APP_DIR, copyOfAppDir, packageValues } from './fixtures';

type JsonObject = Record<string, Json>;

function parse(bytes: Uint8Array | undefined): JsonObject {
  assert.ok(bytes, 'file is in the zip');
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as JsonObject;
}

interface BotJson {
  botId: string;
  scopes: string[];
  commandLists: { scopes: string[]; commands: { title: string }[] }[];
}

/** Commands the bot registers that no menu entry (in the default language) leads to. */
function commandsMissingFromMenu(manifest: JsonObject, registry: FeatureRegistry): string[] {
  const reached = new Set(manifestCommands(manifest, {}).map((c) => registry.findCommand(c.title)?.route));
  return registry.commands.filter((route) => !reached.has(route)).map((route) => route.spec.display.sv);
}

describe('Teams app package', () => {
  let schemas: SchemaValidator;
  let registry: FeatureRegistry;
  let values: Record<string, string>;
  let zip: Record<string, Uint8Array>;
  let manifest: JsonObject;
  let english: JsonObject;

  before(() => {
    schemas = createSchemaValidator();
    registry = botRegistry();
    values = packageValues();
    zip = unzipSync(zipAppPackage(buildAppPackage(APP_DIR, values, schemas)));
    manifest = parse(zip['manifest.json']);
    english = parse(zip['en.json']);
  });

  it('zips the manifest, its English strings and both icons at the root, with the ids and the domain filled in', () => {
    assert.deepEqual(Object.keys(zip).sort(), ['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const bot = (manifest.bots as unknown as BotJson[])[0]!;
    assert.equal(manifest.id, values.TEAMS_APP_ID);
    assert.equal(bot.botId, values.BOT_ID);
    assert.equal(manifest.version, '1.4.0');
    assert.deepEqual(manifest.validDomains, ['lvbot-test-app.azurewebsites.net']);
    assert.doesNotMatch(Buffer.from(zip['manifest.json']!).toString('utf8'), /\$\{\{/, 'no placeholder is left');
  });

  it('is valid against the Teams schema of its version (1.17 or later), read offline', () => {
    const version = manifest.manifestVersion as string;
    const [major, minor] = version.split('.').map(Number);
    assert.ok(major === 1 && minor! >= 17, `manifest version ${version}`);
    assert.deepEqual(schemas.validate('manifest', version, manifest), []);
    assert.deepEqual(schemas.validate('localization', version, english), []);
  });

  it('offers the bot in personal chats, teams and group chats, with a command list per scope, Swedish by default', () => {
    const bot = (manifest.bots as unknown as BotJson[])[0]!;
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.deepEqual(bot.commandLists.map((l) => l.scopes).flat().sort(), ['groupChat', 'personal', 'team']);
    assert.deepEqual(manifest.localizationInfo, { defaultLanguageTag: 'sv', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] });
    const help = manifestCommands(manifest, { en: english }).filter((c) => c.key === 'bots[0].commandLists[0].commands[0]');
    assert.deepEqual(
      help.map((c) => [c.language, c.title]),
      [
        ['sv', 'hjälp'],
        ['en', 'help'],
      ],
    );
  });

  it('lists only commands the bot answers, in Swedish and in English', () => {
    const commands = manifestCommands(manifest, { en: english });
    assert.ok(commands.length >= 6);
    assert.deepEqual(
      commandsWithoutHandler(commands, (title) => handlesCommand(registry, title)),
      [],
    );
  });

  it('shows every command the bot answers in the Teams command menu of some scope', () => {
    assert.deepEqual(commandsMissingFromMenu(manifest, registry), []);
  });

  it('notices a command the bot answers that the menu leaves out', () => {
    const broken = structuredClone(manifest);
    const bot = (broken.bots as unknown as BotJson[])[0]!;
    for (const list of bot.commandLists) list.commands = list.commands.filter((c) => c.title !== 'koppla kanal');
    const before = commandsMissingFromMenu(manifest, registry);
    assert.deepEqual(
      commandsMissingFromMenu(broken, registry).filter((c) => !before.includes(c)),
      ['koppla kanal'],
    );
  });

  it('declares the personal tab "Översikt" (Overview in English) at the service\'s /tab/, which the bot serves', () => {
    assert.deepEqual(manifest.staticTabs, [
      { entityId: 'oversikt', name: 'Översikt', contentUrl: 'https://lvbot-test-app.azurewebsites.net/tab/', scopes: ['personal'], context: ['personalTab'] },
    ]);
    assert.equal(english['staticTabs[0].name'], 'Overview');
    const contentUrl = new URL((manifest.staticTabs as unknown as { contentUrl: string }[])[0]!.contentUrl);
    assert.ok((manifest.validDomains as string[]).includes(contentUrl.host), 'the tab is within the valid domains');
    assert.equal(contentUrl.pathname, '/tab/', 'the path the service serves the tab at (src/tab/routes.ts)');
  });

  it('declares the app registration the tab signs in to: its client id and its api:// URI on the tab\'s domain', () => {
    assert.deepEqual(manifest.webApplicationInfo, {
      id: values.TAB_CLIENT_ID,
      resource: `api://lvbot-test-app.azurewebsites.net/${values.TAB_CLIENT_ID}`,
    });
  });

  it('refuses a tab client id that is no GUID', () => {
    assert.throws(
      () => buildAppPackage(APP_DIR, { ...packageValues(), TAB_CLIENT_ID: 'api://lvbot/abc' }, schemas),
      (err: unknown) => err instanceof AppPackageError && err.problems.some((p) => p.startsWith('TAB_CLIENT_ID must be')),
    );
  });

  it('has a handler for every card verb of the contract, so no card button ends in an error', () => {
    const missing = CONTRACT_VERBS.filter((verb) => !registry.verbs.has(verb));
    assert.deepEqual(missing, [], `verbs without a handler: ${missing.join(', ')}`);
  });

  it('catches a menu command the bot would not understand', () => {
    const broken = structuredClone(manifest);
    const bot = (broken.bots as unknown as BotJson[])[0]!;
    bot.commandLists[0]!.commands.push({ title: 'rösta' });
    const problems = commandsWithoutHandler(manifestCommands(broken, { en: english }), (title) => handlesCommand(registry, title));
    assert.equal(problems.length, 2, 'once in Swedish and once in the English fallback');
    assert.match(problems[0]!, /command "rösta" \(sv, personal, bots\[0\]\.commandLists\[0\]\.commands\[\d+\]\) has no handler/);
  });

  it('refuses to package an icon of the wrong size', () => {
    const dir = copyOfAppDir();
    const small = { width: 64, height: 64, pixels: new Uint8Array(64 * 64 * 4).fill(255) };
    writeFileSync(join(dir, 'color.png'), encodePng(small));
    assert.throws(
      () => buildAppPackage(dir, packageValues(), schemas),
      (err: unknown) => err instanceof AppPackageError && err.problems.includes('color.png is 64x64, must be 192x192'),
    );
  });

  it('refuses a manifest that breaks the schema, naming the field', () => {
    const dir = copyOfAppDir();
    const text = readFileSync(join(dir, 'manifest.json'), 'utf8').replace('"accentColor": "#1D5C8F"', '"accentColor": "blue"');
    writeFileSync(join(dir, 'manifest.json'), text);
    assert.throws(
      () => buildAppPackage(dir, packageValues(), schemas),
      (err: unknown) => err instanceof AppPackageError && err.problems.some((p) => p.startsWith('manifest.json /accentColor')),
    );
  });

  it('names every missing variable instead of writing a package with holes', () => {
    const partial: Record<string, string> = packageValues();
    delete partial.BOT_ID;
    delete partial.BOT_DOMAIN;
    assert.throws(
      () => buildAppPackage(APP_DIR, partial, schemas),
      (err: unknown) => err instanceof MissingVariablesError && err.missing.join() === 'BOT_ID,BOT_DOMAIN',
    );
  });

  it('refuses an untranslated command and a translation of nothing', () => {
    const dir = copyOfAppDir();
    const strings = JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8')) as Record<string, string>;
    delete strings['bots[0].commandLists[1].commands[1].title'];
    strings['bots[0].commandLists[7].commands[0].title'] = 'ghost';
    writeFileSync(join(dir, 'en.json'), JSON.stringify(strings));
    assert.throws(
      () => buildAppPackage(dir, packageValues(), schemas),
      (err: unknown) =>
        err instanceof AppPackageError &&
        err.problems.includes('en.json: no translation of bots[0].commandLists[1].commands[1].title ("koppla kanal")') &&
        err.problems.includes('en.json: "bots[0].commandLists[7].commands[0].title" names nothing in the manifest'),
    );
  });
});
