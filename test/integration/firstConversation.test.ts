import assert from 'node:assert/strict';
import { installUpdate, installationUpdate, message, cardAction, personalConversationId } from '../support/activities';
import { cardsOf, cardText, invokeText } from '../support/cards';
import { ENGLISH_MEMBER, MEMBER_GAVLE, SECRETARY } from '../support/members';
import { startTestApp, type TestApp } from '../support/testApp';

describe('first conversation', () => {
  let bot: TestApp;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });

  beforeEach(async () => {
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry, ENGLISH_MEMBER.entry] });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('greets a member who installs the bot once, in Swedish, with what it does', async () => {
    const user = MEMBER_GAVLE.user;
    const conversation = personalConversationId(user);
    assert.equal((await bot.post(installUpdate(user, place()))).status, 200);
    assert.equal((await bot.post(installationUpdate(user, place()))).status, 200);

    const sent = bot.connector.sent(conversation);
    assert.equal(sent.length, 1, 'exactly one welcome for the two install events');
    const text = cardText(cardsOf(sent[0]!)[0]);
    assert.match(text, /Välkommen till Länsledning Välfärds bot/);
    assert.match(text, /ingen ersättare vid frånvaro/);
  });

  it('answers hjälp with the commands the member may use, and more for the secretariat', async () => {
    await bot.post(message(MEMBER_GAVLE.user, place(), 'hjälp'));
    const memberHelp = cardText(cardsOf(bot.connector.sent(personalConversationId(MEMBER_GAVLE.user))[0]!)[0]);
    assert.match(memberHelp, /Dina roller: medlem/);
    assert.match(memberHelp, /hjälp/);
    assert.doesNotMatch(memberHelp, /koppla kanal/);

    await bot.post(message(SECRETARY.user, place(), 'Hjälp'));
    const secretariatHelp = cardText(cardsOf(bot.connector.sent(personalConversationId(SECRETARY.user))[0]!)[0]);
    assert.match(secretariatHelp, /samverkanskansli/);
    assert.match(secretariatHelp, /koppla kanal/);
  });

  it('speaks English to a member whose Teams is in English', async () => {
    await bot.post(installUpdate(ENGLISH_MEMBER.user, place()));
    await bot.post(message(ENGLISH_MEMBER.user, place(), 'help'));
    const [welcome, help] = bot.connector.sent(personalConversationId(ENGLISH_MEMBER.user));
    assert.match(cardText(cardsOf(welcome!)[0]), /Welcome to the Länsledning Välfärd bot/);
    assert.match(cardText(cardsOf(help!)[0]), /Your roles: member/);
  });

  it('remembers the language of a member\'s Teams, so later messages to them are in it too', async () => {
    await bot.post(message(ENGLISH_MEMBER.user, place(), 'help'));
    assert.equal((await bot.app.deps.directory.member(ENGLISH_MEMBER.user.aadObjectId))?.locale, 'en');
    await bot.post(message(MEMBER_GAVLE.user, place(), 'hjälp'));
    assert.equal((await bot.app.deps.directory.member(MEMBER_GAVLE.user.aadObjectId))?.locale, 'sv');
  });

  it('tells someone who is not in the directory to contact the secretariat', async () => {
    const stranger = { aadObjectId: '00000000-0000-4000-8000-0000000000ff', name: 'Okänd Person' };
    await bot.post(installUpdate(stranger, place()));
    const welcome = cardText(cardsOf(bot.connector.sent(personalConversationId(stranger))[0]!)[0]);
    assert.match(welcome, /Du finns inte i katalogen/);
  });

  it('does the work once when Teams repeats an activity', async () => {
    const activity = message(MEMBER_GAVLE.user, place(), 'hjälp');
    await bot.post(activity);
    await bot.post(activity);
    assert.equal(bot.connector.sent(personalConversationId(MEMBER_GAVLE.user)).length, 1);
  });

  it('answers an unknown card verb with a clear message, not an error status', async () => {
    const res = await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'no.such.verb', {}));
    assert.equal(res.status, 200);
    assert.match(invokeText(res.body), /känner jag inte igen/);
  });

  it('answers text it does not understand by pointing to hjälp', async () => {
    await bot.post(message(MEMBER_GAVLE.user, place(), 'vad är klockan'));
    const [reply] = bot.connector.sent(personalConversationId(MEMBER_GAVLE.user));
    assert.match(String(reply!.text), /hjälp/);
  });

  it('refuses a body that is not an activity with 400', async () => {
    const res = await bot.post({ hello: 'world' });
    assert.equal(res.status, 400);
  });
});
