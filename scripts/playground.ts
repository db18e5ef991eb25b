// `npm run playground`: the bot on the embedded store and one Microsoft 365 Agents Playground per
// person of a ready-made roster, so every feature can be tried in a browser. Ctrl-C stops it all.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PortTakenError, REPO_ROOT, startPlayground } from './playground/launch';
import { fullName, PEOPLE, PERSON_KEYS, tabLink, type PersonKey } from './playground/roster';

const USAGE = `[PORT=3978] npm run playground [-- --people sara,anna,...] [--locale sv-SE|en-US]

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

/** `PORT`, as for `npm start`: the bot's port, with the people's Playgrounds on the ports after it. */
function portFromEnvironment(): number | undefined {
  const raw = process.env.PORT?.trim();
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    process.stderr.write(`PORT must be a whole number from 1 to 65535 (got ${JSON.stringify(raw)})\n`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const { people, locale } = parse();
  const port = portFromEnvironment();
  const started = Date.now();
  const workDir = join(REPO_ROOT, '.data', 'playground');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  process.stdout.write('Starting the bot and the Playground…\n');
  const running = await startPlayground({ people, workDir, locale, logLevel: 'info', port }).catch((err: unknown) => {
    if (err instanceof PortTakenError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  });
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

  const width = Math.max(...running.clients.map((c) => fullName(PEOPLE[c.person]).length));
  const lines = running.clients.map((c) => `  ${fullName(PEOPLE[c.person]).padEnd(width)}  ${c.url}   ${PEOPLE[c.person].title}`);
  process.stdout.write(
    [
      '',
      `Microsoft 365 Agents Playground is ready (in ${((Date.now() - started) / 1000).toFixed(1)} s): one Teams client per person. Open a link in a browser:`,
      '',
      ...lines,
      '',
      'The tab "Översikt" as each person sees it (local development: the page takes the person from ?user=):',
      '',
      ...running.clients.map((c) => `  ${fullName(PEOPLE[c.person]).padEnd(width)}  ${tabLink(running.botEndpoint, c.person)}`),
      '',
      'Opening a person\'s personal chat in their Playground installs the bot there, and it greets them. Open',
      'the chat of everyone a notice should reach before you send it: the bot reaches only those who have it.',
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
