/**
 * The baseline: a bare echo bot on the same stack as the real one (restify, the teams-ai
 * `TeamsAdapter` (a CloudAdapter) and a teams-ai `Application`), with no store and no features.
 * A message is echoed through the Bot Connector; an Action.Execute is answered with a small card.
 * Run as its own process by the bench (compiled, like the real bot): `PORT` and `HOST` only.
 */
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import restify from 'restify';

const port = Number(process.env.PORT ?? 3979);
const host = process.env.HOST ?? '127.0.0.1';

const adapter = new TeamsAdapter({});
const app = new Application<TurnState>({
  adapter,
  startTypingTimer: false,
  longRunningMessages: false,
  turnStateFactory: () => new TurnState(),
});

app.message(/.*/, async (context: TurnContext) => {
  await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
});

app.adaptiveCards.actionExecute(/.*/, (context: TurnContext) =>
  Promise.resolve({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: `echo: ${String((context.activity.value as { action?: { verb?: string } }).action?.verb)}`, wrap: true }],
  }),
);

const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.post(
  '/api/messages',
  restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, mapFiles: false }),
  async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  },
);
server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
  await Promise.resolve();
  res.json(200, { status: 'ready' });
});

server.listen(port, host, () => {
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
