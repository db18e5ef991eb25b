import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { cardText, cardsOf, invokeCard } from '../../support/cards';
import { install } from '../../support/chat';
import { SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';

/**
 * First use of a fresh install: the store holds nothing but the directory's parties and bodies and
 * the secretariat herself. Each of her tools opens what lets her start (a form, or the button to
 * it), never a message that the secretariat will do it, an error or a refusal.
 */
interface Tool {
  what: string;
  /** A typed command, or the verb of the help card's button. */
  command?: string;
  verb?: string;
  /** The verb of the action that starts the work, found on the answer's card. */
  starts: string;
}

const TOOLS: Tool[] = [
  { what: 'the distribution key', command: 'kostnad', starts: 'cost.keySave' },
  { what: 'meeting costs', command: 'kostnad möten', starts: 'cost.meetingAdd' },
  { what: 'the year plan', command: 'årsplan', starts: 'year.propose' },
  { what: 'the reminders of the annual cycle', command: 'årshjul', starts: 'year.settingsSave' },
  { what: 'termination', command: 'uppsägning', starts: 'notice.preview' },
  { what: 'introductions', command: 'introduktion', starts: 'member.form' },
  { what: 'the directory', command: 'medlem', starts: 'member.form' },
  { what: 'meetings', command: 'möte', starts: 'meeting.new' },
  { what: 'a new meeting', command: 'nytt möte', starts: 'meeting.create' },
  { what: 'a remiss', command: 'remiss', starts: 'remiss.create' },
  { what: 'a broadcast', command: 'utskick', starts: 'broadcast.create' },
  { what: 'the case queue', command: 'ärenden', starts: 'case.open' },
  { what: 'the projects register', verb: 'project.list', starts: 'project.form' },
  { what: 'revisions of the agreement', verb: 'revision.status', starts: 'revision.create' },
  { what: "the year's follow-up", verb: 'year.followUpForm', starts: 'year.followUp' },
  { what: 'personal data', verb: 'privacy.form', starts: 'privacy.export' },
];

const NOT_A_START = /Samverkanskansliet (lägger|för) in|inte behörighet|Det gick inte|Kortet innehöll/;

function verbsOf(card: unknown): string[] {
  const verbs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute' && typeof n.verb === 'string') verbs.push(n.verb);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return verbs;
}

describe('first use on an empty store: every secretariat tool opens what lets her start', function () {
  this.timeout(60_000);
  let bot: TestApp;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const chat = personalConversationId(SECRETARY.user);

  before(async () => {
    bot = await startTestApp({ members: [SECRETARY.entry], clock: new ManualClock('2026-12-01T08:00:00Z') });
    await install(bot, SECRETARY.user);
  });
  after(async () => {
    await bot.stop();
  });

  /** The cards (and texts) the tool answers with. */
  async function open(tool: Tool): Promise<unknown[]> {
    if (tool.verb) return [invokeCard((await bot.post(cardAction(SECRETARY.user, place(), tool.verb, {}))).body)];
    const before = bot.connector.sent(chat).length;
    await bot.post(message(SECRETARY.user, place(), tool.command!));
    await bot.connector.waitFor(() => bot.connector.sent(chat).length > before, 20_000, `the answer to ${tool.command}`);
    return bot.connector.sent(chat).slice(before).flatMap((a) => (cardsOf(a).length > 0 ? cardsOf(a) : [{ text: typeof a.text === 'string' ? a.text : '' }]));
  }

  for (const tool of TOOLS) {
    it(`${tool.what} (${tool.command ?? tool.verb}) opens ${tool.starts}`, async () => {
      const answers = await open(tool);
      const text = answers.map((a) => cardText(a as Record<string, unknown>) || ((a as { text?: string }).text ?? '')).join('\n');
      assert.doesNotMatch(text, NOT_A_START);
      assert.ok(answers.flatMap(verbsOf).includes(tool.starts), `${tool.starts} on the answer:\n${text}`);
    });
  }
});
