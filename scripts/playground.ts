// `npm run playground`: the bot on the embedded store and one Microsoft 365 Agents Playground per
// person of a ready-made roster, so every feature can be tried in a browser. Ctrl-C stops it all.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, startPlayground } from './playground/launch';
import { fullName, PEOPLE, PERSON_KEYS, personalChatId, tabLink, type PersonKey } from './playground/roster';

const USAGE = `npm run playground [-- --people sara,anna,...] [--locale sv-SE|en-US]

People: ${PERSON_KEYS.map((k) => `${k} (${fullName(PEOPLE[k])}, ${PEOPLE[k].title})`).join('\n        ')}`;

function parse(): { people: PersonKey[]; locale: string } {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: PERSON_KEYS.join(',') },
      locale: { type: 'string', default: 'sv-SE' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const people = values.people.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = people.filter((p) => !(PERSON_KEYS as readonly string[]).includes(p));
  if (unknown.length > 0 || people.length === 0) {
    process.stderr.write(`unknown person ${unknown.join(', ')}\n\n${USAGE}\n`);
    process.exit(2);
  }
  return { people: people as PersonKey[], locale: values.locale };
}

/** Installs the bot in each person's personal chat, as an admin roll-out would, so notices reach everyone. */
async function installForEveryone(clients: { person: PersonKey; url: string }[]): Promise<void> {
  await Promise.all(
    clients.map(async ({ person, url }) => {
      const res = await fetch(`${url}/_debug/conversation/${encodeURIComponent(personalChatId(person))}/installation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      if (!res.ok) throw new Error(`installing for ${person} failed: HTTP ${res.status}`);
    }),
  );
}

async function main(): Promise<void> {
  const { people, locale } = parse();
  const workDir = join(REPO_ROOT, '.data', 'playground');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  process.stdout.write('Starting the bot and the Playground…\n');
  const running = await startPlayground({ people, workDir, locale, logLevel: 'info' });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping…\n');
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await installForEveryone(running.clients);

  const width = Math.max(...running.clients.map((c) => fullName(PEOPLE[c.person]).length));
  const lines = running.clients.map((c) => `  ${fullName(PEOPLE[c.person]).padEnd(width)}  ${c.url}   ${PEOPLE[c.person].title}`);
  process.stdout.write(
    [
      '',
      'Microsoft 365 Agents Playground is ready: one Teams client per person. Open a link in a browser:',
      '',
      ...lines,
      '',
      'The tab "Översikt" as each person sees it (local development: the page takes the person from ?user=):',
      '',
      ...running.clients.map((c) => `  ${fullName(PEOPLE[c.person]).padEnd(width)}  ${tabLink(running.botEndpoint, c.person)}`),
      '',
      'Start with Sara (secretariat): type "hjälp" in her personal chat. Channels hear the bot when it is',
      '@mentioned. Each tab is one person; a message to a channel shows in the tab that used the channel last.',
      `Bot: ${running.botEndpoint}   logs: ${running.logDir}`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
