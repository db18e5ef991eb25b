import assert from 'node:assert/strict';
import { cardAction, installUpdate, installationUpdate, message, personalConversationId } from '../../support/activities';
import { actionData, cardsOf, cardText, invokeCard } from '../../support/cards';
import { MEMBER_GAVLE, SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { install, received } from '../../support/chat';

const NEW_ID = '00000000-0000-4000-8000-000000000031';

describe('directory administration in chat', () => {
  let bot: TestApp;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const asSecretary = async (verb: string, data: object) => invokeCard((await bot.post(cardAction(SECRETARY.user, place(), verb, data))).body);

  beforeEach(async () => {
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry] });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('the secretariat adds a member from the form and sees what was saved', async () => {
    await bot.post(message(SECRETARY.user, place(), 'medlem ny'));
    const form = cardsOf(bot.connector.sent(personalConversationId(SECRETARY.user))[0]!)[0];
    assert.match(cardText(form), /Ny medlem/);

    const saved = await asSecretary('member.save', {
      aadObjectId: NEW_ID,
      version: '',
      name: 'Hanna Hofors',
      email: 'Hanna.Hofors@hofors.se',
      partyId: 'hofors',
      bodies: 'utskott-barn-unga',
      roles: 'member,preparer',
    });
    assert.match(cardText(saved), /Hanna Hofors har lagts till/);
    assert.match(cardText(saved), /Hofors kommun · Utskott barn och unga/);
    const stored = await bot.app.deps.directory.member(NEW_ID);
    assert.equal(stored?.email, 'hanna.hofors@hofors.se');
    assert.deepEqual(stored?.roles, ['member', 'preparer']);
    assert.equal(stored?.source, 'admin');
  });

  it('shows an invalid form again, filled in, with what is wrong, and saves nothing', async () => {
    const again = await asSecretary('member.save', { aadObjectId: NEW_ID, version: '', name: 'Hanna', email: 'inte-epost', partyId: 'hofors', bodies: '', roles: '' });
    const shown = cardText(again);
    assert.match(shown, /email är inte en e-postadress/);
    assert.match(shown, /roles måste ange minst en roll/);
    assert.match(shown, /inte-epost/, 'the values are kept');
    assert.equal(await bot.app.deps.directory.member(NEW_ID), undefined);
  });

  it('changes a member from a search, and refuses a form that is older than the entry', async () => {
    const found = await asSecretary('member.find', { query: 'gavle' });
    assert.match(cardText(found), /Gustav Gävle/);
    const form = await asSecretary('member.form', { aadObjectId: MEMBER_GAVLE.entry.aadObjectId });
    const { version } = actionData(form, 'member.save');

    const changed = await asSecretary('member.save', {
      aadObjectId: MEMBER_GAVLE.entry.aadObjectId,
      version,
      name: 'Gustav Gävle',
      email: MEMBER_GAVLE.entry.email,
      partyId: 'gavle',
      bodies: 'lansledning,utskott-vuxna',
      roles: 'member,chair',
    });
    assert.match(cardText(changed), /Gustav Gävle har ändrats/);
    assert.match(cardText(changed), /roller: medlem → ordförande, medlem/);

    const stale = await asSecretary('member.save', {
      aadObjectId: MEMBER_GAVLE.entry.aadObjectId,
      version,
      name: 'Gustav Gamla Kortet',
      email: MEMBER_GAVLE.entry.email,
      partyId: 'gavle',
      bodies: 'lansledning',
      roles: 'member',
    });
    assert.match(cardText(stale), /medlemmen har ändrats sedan kortet visades/);
    assert.equal((await bot.app.deps.directory.member(MEMBER_GAVLE.entry.aadObjectId))?.name, 'Gustav Gävle');
  });

  it('removes a member after confirmation, but never the last secretariat member', async () => {
    const gustav = await bot.app.deps.directory.member(MEMBER_GAVLE.entry.aadObjectId);
    const removed = await bot.post(cardAction(SECRETARY.user, place(), 'member.remove', { aadObjectId: gustav!.aadObjectId, version: gustav!._etag }));
    assert.match(cardText(removed.body), /Gustav Gävle har tagits bort/);
    assert.equal(await bot.app.deps.directory.member(MEMBER_GAVLE.entry.aadObjectId), undefined);

    const sara = await bot.app.deps.directory.member(SECRETARY.entry.aadObjectId);
    const refused = await asSecretary('member.remove', { aadObjectId: sara!.aadObjectId, version: sara!._etag });
    assert.match(cardText(refused), /minst en person måste ha rollen samverkanskansli/);
    assert.ok(await bot.app.deps.directory.member(SECRETARY.entry.aadObjectId));
  });

  it('tells the secretariat once about someone who installs the bot without being in the directory', async () => {
    const live = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry] });
    try {
      const here = { serviceUrl: live.connector.serviceUrl };
      await install(live, SECRETARY.user);
      const stranger = { aadObjectId: '00000000-0000-4000-8000-0000000000ee', name: 'Olle Okänd' };
      await live.post(installUpdate(stranger, here));
      await live.post(installationUpdate(stranger, here));
      assert.match(await received(live, stranger, /Välkommen/), /Kontakta samverkanskansliet/);
      assert.match(await received(live, SECRETARY.user, /Ny användare utanför katalogen/), /Olle Okänd.*har installerat boten men finns inte i katalogen/);

      // The same person adds the bot to a group chat too: no second notice.
      await live.post(installUpdate(stranger, { serviceUrl: live.connector.serviceUrl, conversation: { kind: 'groupChat', id: '19:group-chat' } }));
      const notices = await live.store.containers.directory.query('unknown-user', "c.type = 'delivery'");
      assert.equal(notices.items.length, 1, 'one notice, to the one secretariat member');

      const menu = invokeCard((await live.post(cardAction(SECRETARY.user, here, 'member.menu', {}))).body);
      assert.match(cardText(menu), /Lägg till Olle Okänd/);
      const form = invokeCard((await live.post(cardAction(SECRETARY.user, here, 'member.form', actionData(menu, 'member.form')))).body);
      assert.match(JSON.stringify(form), /"value":"Olle Okänd"/, 'the form is filled in with what Teams told');
      await live.post(cardAction(SECRETARY.user, here, 'member.save', { aadObjectId: stranger.aadObjectId, version: '', name: 'Olle Okänd', email: 'olle@ockelbo.se', partyId: 'ockelbo', bodies: '', roles: 'member' }));
      assert.doesNotMatch(cardText(invokeCard((await live.post(cardAction(SECRETARY.user, here, 'member.menu', {}))).body)), /Olle Okänd/);
    } finally {
      await live.stop();
    }
  });

  it("compares a party's team roster with the directory", async () => {
    const channel = { serviceUrl: bot.connector.serviceUrl, conversation: { kind: 'channel' as const, channelId: '19:gavle-general@thread.tacv2', teamId: '19:gavle-team@thread.tacv2' } };
    await bot.post(cardAction(SECRETARY.user, channel, 'channel.link', { partyId: 'gavle' }));
    bot.connector.setRoster('19:gavle-team@thread.tacv2', [
      { id: '29:a', name: 'Gustav Gävle', aadObjectId: MEMBER_GAVLE.entry.aadObjectId, email: 'gustav@gavle.se' },
      { id: '29:b', name: 'Tina Team', aadObjectId: '00000000-0000-4000-8000-000000000041', email: 'tina.team@gavle.se' },
      { id: '29:c', name: SECRETARY.entry.name, aadObjectId: SECRETARY.entry.aadObjectId, email: SECRETARY.entry.email },
    ]);
    const compared = await asSecretary('member.roster', { partyId: 'gavle' });
    const shown = cardText(compared);
    assert.match(shown, /I teamet men inte i katalogen \(1\)/);
    assert.match(shown, /Tina Team · tina\.team@gavle\.se/);
    assert.match(shown, /Namn eller e-post skiljer sig \(1\)/);
    assert.match(shown, /I teamet men i katalogen för en annan part \(1\)/);
    const add = JSON.stringify(compared);
    assert.match(add, /"verb":"member\.form","data":\{"aadObjectId":"00000000-0000-4000-8000-000000000041","name":"Tina Team","email":"tina\.team@gavle\.se","partyId":"gavle"\}/);
  });
});
