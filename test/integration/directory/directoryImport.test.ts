import assert from 'node:assert/strict';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { actionData, cardsOf, cardText, invokeCard } from '../../support/cards';
import { MEMBER_GAVLE, SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';

const HEADER = 'aadObjectId;name;email;partyId;bodies;roles';
const NINA = '00000000-0000-4000-8000-000000000010';

describe('directory import and export', () => {
  let bot: TestApp;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const asSecretary = async (verb: string, data: object) => invokeCard((await bot.post(cardAction(SECRETARY.user, place(), verb, data))).body);
  const directoryState = async () =>
    (await bot.app.deps.directory.members()).map((m) => `${m.aadObjectId}|${m.name}|${m.email}|${m.partyId}|${m.bodies.join(',')}|${m.roles.join(',')}`);

  beforeEach(async () => {
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry] });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('shows the secretariat what a CSV import would change, per member and field, and applies it on "Verkställ"', async () => {
    await bot.post(message(SECRETARY.user, place(), 'medlem import'));
    const form = cardsOf(bot.connector.sent(personalConversationId(SECRETARY.user))[0]!)[0];
    assert.match(cardText(form), /Importera katalogen/);

    const csv = [
      HEADER,
      `${SECRETARY.entry.aadObjectId};${SECRETARY.entry.name};${SECRETARY.entry.email};region-gavleborg;samverkanskansli;secretariat`,
      `${MEMBER_GAVLE.entry.aadObjectId};Gustav Gävle;gustav.gavle@gavle.se;gavle;lansledning;member`,
      `${NINA};Nina Ny;nina.ny@bollnas.se;bollnas;utskott-vuxna|lansledning;member`,
    ].join('\r\n');
    const before = await directoryState();
    const preview = await asSecretary('member.import', { format: 'csv', mode: 'merge', text: csv });
    const shown = cardText(preview);
    assert.match(shown, /1 läggs till · 1 ändras · 0 tas bort · 1 oförändrad/);
    assert.match(shown, /Nina Ny/);
    assert.match(shown, /e-post: gustav\.g\.vle@example\.se → gustav\.gavle@gavle\.se/);
    assert.deepEqual(await directoryState(), before, 'a preview changes nothing');

    const applied = await asSecretary('member.importApply', actionData(preview, 'member.importApply'));
    assert.match(cardText(applied), /Importen verkställdes .* av Sara Sekreterare/);
    const nina = await bot.app.deps.directory.member(NINA);
    assert.deepEqual(nina?.bodies, ['lansledning', 'utskott-vuxna']);
    assert.equal((await bot.app.deps.directory.member(MEMBER_GAVLE.entry.aadObjectId))?.email, 'gustav.gavle@gavle.se');

    const again = await asSecretary('member.importApply', actionData(preview, 'member.importApply'));
    assert.match(cardText(again), /verkställdes/, 'pressing Apply twice shows the result and applies nothing more');
  });

  it('removes the members a "replace" import leaves out, only after the preview is applied', async () => {
    const csv = [HEADER, `${SECRETARY.entry.aadObjectId};${SECRETARY.entry.name};${SECRETARY.entry.email};region-gavleborg;samverkanskansli;secretariat`].join('\n');
    const preview = await asSecretary('member.import', { format: 'csv', mode: 'replace', text: csv });
    assert.match(cardText(preview), /0 läggs till · 0 ändras · 1 tas bort/);
    assert.match(cardText(preview), /Gustav Gävle/);
    assert.ok(await bot.app.deps.directory.member(MEMBER_GAVLE.entry.aadObjectId), 'still there before Apply');
    await asSecretary('member.importApply', actionData(preview, 'member.importApply'));
    assert.equal(await bot.app.deps.directory.member(MEMBER_GAVLE.entry.aadObjectId), undefined);
  });

  it('does not apply a preview to a directory that changed meanwhile, and shows a fresh preview instead', async () => {
    const json = JSON.stringify({ members: [{ ...MEMBER_GAVLE.entry, name: 'Gustav G. Gävle' }] });
    const preview = await asSecretary('member.import', { format: 'json', mode: 'merge', text: json });
    await bot.app.deps.directory.putMember({ ...MEMBER_GAVLE.entry, email: 'ny.adress@gavle.se', source: 'admin' });

    const fresh = await asSecretary('member.importApply', actionData(preview, 'member.importApply'));
    assert.match(cardText(fresh), /Katalogen har ändrats sedan förhandsgranskningen/);
    assert.match(cardText(fresh), /e-post: ny\.adress@gavle\.se → gustav\.g\.vle@example\.se/);
    assert.equal((await bot.app.deps.directory.member(MEMBER_GAVLE.entry.aadObjectId))?.name, 'Gustav Gävle', 'nothing applied');
  });

  it('refuses an invalid import whole, listing every problem, and changes nothing', async () => {
    const csv = [
      HEADER,
      `${NINA};Nina Ny;nina.ny@bollnas.se;bollnas;utskott-vuxna;member`,
      `u-stockholm;Sven Stockholm;sven@stockholm.se;stockholm;lansledning;member`,
      `${NINA};Nina Igen;nina.igen@bollnas.se;bollnas;lansledning;member`,
      `u-bad-mail;Berit Brev;inte-en-adress;gavle;lansledning;member`,
      `u-no-role;Rolf Rollös;rolf@hofors.se;hofors;lansledning;`,
    ].join('\n');
    const before = await directoryState();
    const refused = await asSecretary('member.import', { format: 'csv', mode: 'replace', text: csv });
    const shown = cardText(refused);
    assert.match(shown, /Importen avvisades – inget har ändrats/);
    assert.match(shown, /Rätta de 4 felen och importera igen/);
    assert.match(shown, /rad 3 \(aadObjectId "u-stockholm"\): partyId "stockholm" är ingen part/);
    assert.match(shown, /rad 4 \(aadObjectId "00000000-0000-4000-8000-000000000010"\): aadObjectId används också av rad 2/);
    assert.match(shown, /rad 5 \(aadObjectId "u-bad-mail"\): email är inte en e-postadress/);
    assert.match(shown, /rad 6 \(aadObjectId "u-no-role"\): roles måste ange minst en roll/);
    assert.doesNotMatch(JSON.stringify(refused), /member\.importApply/, 'no Apply button');
    assert.deepEqual(await directoryState(), before);
    const stored = await bot.store.containers.directory.query('import', '');
    assert.equal(stored.items.length, 0, 'no pending import stored');
  });

  it('lists the problems of an invalid JSON import in English for an English-speaking secretary', async () => {
    const english = { ...SECRETARY.user, locale: 'en-GB' };
    const json = JSON.stringify({ members: [{ ...MEMBER_GAVLE.entry, email: 'nope' }, { ...MEMBER_GAVLE.entry, aadObjectId: 'other', email: MEMBER_GAVLE.entry.email }] });
    const refused = invokeCard((await bot.post(cardAction(english, place(), 'member.import', { format: 'json', text: json }))).body);
    assert.match(cardText(refused), /The import was refused – nothing has changed/);
    assert.match(cardText(refused), /members\[0\] \(aadObjectId "00000000-0000-4000-8000-000000000002"\): email is not an e-mail address/);
  });

  it('refuses an import that would leave nobody in the secretariat', async () => {
    const csv = [HEADER, `${MEMBER_GAVLE.entry.aadObjectId};Gustav Gävle;${MEMBER_GAVLE.entry.email};gavle;lansledning;member`].join('\n');
    const refused = await asSecretary('member.import', { format: 'csv', mode: 'replace', text: csv });
    assert.match(cardText(refused), /minst en person måste ha rollen samverkanskansli/);
    assert.ok(await bot.app.deps.directory.member(SECRETARY.entry.aadObjectId));
  });

  it('exports the directory as CSV and JSON behind signed links, and an export imports back unchanged', async () => {
    const links = await asSecretary('member.export', {});
    const urls = ((links.actions as { url: string }[]) ?? []).map((a) => a.url);
    assert.equal(urls.length, 2);
    const [csvRes, jsonRes] = await Promise.all(urls.map((u) => fetch(u.replace(/^https?:\/\/[^/]+/, bot.url))));
    const csv = await csvRes!.text();
    assert.match(csvRes!.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv, /aadObjectId;name;email;partyId;bodies;roles/);
    assert.match(csv, /Gustav Gävle;gustav\.g\.vle@example\.se;gavle;lansledning;member/);
    const json = (await jsonRes!.json()) as { members: unknown[] };
    assert.equal(json.members.length, 2);

    const preview = await asSecretary('member.import', { format: 'csv', mode: 'replace', text: csv });
    assert.match(cardText(preview), /Importen skulle inte ändra något/);
    const tampered = await fetch(`${urls[0]!.replace(/^https?:\/\/[^/]+/, bot.url)}x`);
    assert.equal(tampered.status, 404);
  });

  it('lets only the secretariat import', async () => {
    const csv = [HEADER, `${NINA};Nina Ny;nina.ny@bollnas.se;bollnas;lansledning;member`].join('\n');
    const res = await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'member.import', { format: 'csv', text: csv }));
    assert.match(cardText(invokeCard(res.body)), /inte behörighet/);
    assert.equal(await bot.app.deps.directory.member(NINA), undefined);
  });
});
