import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger, type LogFormat } from '../../src/log';
import { startBanner } from '../../src/startBanner';

/** Everything a logger wrote, as text. */
function capture(format: LogFormat): { log: ReturnType<typeof createLogger>; text: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: createLogger('info', sink, format), text: () => chunks.join('') };
}

describe('what npm start prints', () => {
  it('logs readable lines for a person at a terminal: time, level and message first, secrets still redacted', () => {
    const { log, text } = capture('pretty');
    log.info({ url: 'http://127.0.0.1:3978', headers: { authorization: 'Bearer abc.def' } }, 'listening');
    const line = text().trim();
    assert.match(line, /^\[\d\d:\d\d:\d\d\] INFO: listening /);
    assert.match(line, /"url":"http:\/\/127\.0\.0\.1:3978"/);
    assert.doesNotMatch(line, /abc\.def/);
    assert.doesNotMatch(line, /^\{/, 'not JSON');
    assert.equal(text().trim().split('\n').length, 1, 'one line a record');
  });

  it('logs one JSON object a line otherwise, as Azure reads them', () => {
    const { log, text } = capture('json');
    log.info({ text: 'a message someone typed' }, 'turn');
    const record = JSON.parse(text()) as Record<string, unknown>;
    assert.equal(record.msg, 'turn');
    assert.equal(record.text, '[redacted]');
  });

  it('says where the bot listens and what to do next: the Playground, and how to load the example directory', () => {
    const banner = startBanner('http://127.0.0.1:3978', loadConfig({}));
    assert.match(banner, /listening on http:\/\/127\.0\.0\.1:3978$/m);
    assert.match(banner, /http:\/\/127\.0\.0\.1:3978\/api\/messages/);
    assert.match(banner, /npm run playground/);
    assert.match(banner, /DIRECTORY_FILE=examples\/directory\.json npm start/);
    assert.match(banner, /Sign-in +off: local development server on loopback only/);
    assert.match(banner, /Ctrl-C/);
  });

  it('names the directory file it loaded instead of telling how to load one', () => {
    const banner = startBanner('http://127.0.0.1:3978', loadConfig({ DIRECTORY_FILE: 'examples/directory.json' }));
    assert.match(banner, /People +loaded from examples\/directory\.json/);
    assert.doesNotMatch(banner, /DIRECTORY_FILE=examples/);
  });
});
