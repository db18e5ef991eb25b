import type { Config } from './config';

/**
 * What `npm start` prints at a terminal once it listens: where the bot is, what it runs on, and
 * what to do next. Only for a person at a terminal; JSON logs carry the same facts in "listening".
 */
export function startBanner(url: string, config: Config): string {
  const rows: [string, string][] = [
    ['Messages', `${url}/api/messages`],
    ['Health', `${url}/healthz  ${url}/readyz`],
    [
      'Store',
      config.cosmos.kind === 'embedded'
        ? `embedded, kept in ${config.cosmos.dataDir}/ (delete it to start afresh)`
        : `Azure Cosmos DB, database ${config.cosmos.database}`,
    ],
    ['Sign-in', config.auth.enabled ? 'Bot Framework tokens required' : 'off: local development server on loopback only'],
    ['People', config.directoryFile ? `loaded from ${config.directoryFile}` : 'no DIRECTORY_FILE at this start (people added earlier are kept)'],
  ];
  const next: [string, string][] = [
    ['Try it in a Teams-like client', 'npm run playground   (in another terminal: its own bot and six sample people)'],
    ...(config.directoryFile
      ? []
      : ([['Load people and roles', 'stop, then DIRECTORY_FILE=examples/directory.json npm start']] as [string, string][])),
    ['Stop', 'Ctrl-C (the store is flushed first)'],
  ];
  return [
    '',
    `  Länsledning Välfärd bot is listening on ${url}`,
    '',
    ...table(rows),
    '',
    '  Next',
    ...table(next),
    '',
  ].join('\n');
}

function table(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `    ${label.padEnd(width)}   ${value}`);
}
