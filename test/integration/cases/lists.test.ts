import assert from 'node:assert/strict';
import { message, personalConversationId } from '../../support/activities';
import { cardsOf } from '../../support/cards';
import type { CaseWorld } from './caseWorld';
import { ENGLISH_MEMBER, MEMBER_GAVLE, OLLE, PER, PREPARER, press, say, SECRETARY, startCaseWorld, submit } from './caseWorld';

describe('cases: lists and export', () => {
  let world: CaseWorld;

  beforeEach(async () => {
    world = await startCaseWorld('recording');
  });
  afterEach(async () => {
    await world.bot.stop();
  });

  it('shows a member their own cases, newest first, with where each stands and how old it is', async () => {
    const first = await submit(world, MEMBER_GAVLE.user, { title: 'Första ärendet' });
    await submit(world, OLLE.user, { title: 'Olles ärende' });
    world.clock.advance(3 * 86_400_000);
    const second = await submit(world, MEMBER_GAVLE.user, { title: 'Andra ärendet' });
    await press(world, PREPARER.user, 'case.transition', { caseId: first, to: 'preparing' });

    const [list] = await say(world, MEMBER_GAVLE.user, 'mina ärenden');
    assert.match(list!, new RegExp(`Mina ärenden\\n\\*\\*${second}\\*\\* Andra ärendet\\nMottaget · i dag\\n\\*\\*${first}\\*\\* Första ärendet\\nUnder beredning · 3 dagar · Petra Beredare`));
    assert.doesNotMatch(list!, /Olles ärende/);

    const [empty] = await say(world, ENGLISH_MEMBER.user, 'my cases');
    assert.match(empty!, /You have not submitted any cases yet/);
  });

  it('shows a case by its number', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    const [card] = await say(world, OLLE.user, `ärende ${caseId.toLowerCase()}`);
    assert.match(card!, new RegExp(`Ärende\\nGemensam rutin för SIP vid utskrivning[\\s\\S]*Ärende\\n${caseId}`));
    assert.doesNotMatch(card!, /Dra tillbaka ärendet/, 'only the submitter may withdraw');
    const [missing] = await say(world, OLLE.user, 'ärende LV-2026-0999');
    assert.match(missing!, /Ärendet LV-2026-0999 finns inte/);
  });

  it('gives the beredningsorgan and the secretariat the open cases by state and age, with a CSV of every case', async () => {
    const a = await submit(world, MEMBER_GAVLE.user, { title: 'Äldsta ärendet' });
    world.clock.advance(86_400_000);
    const b = await submit(world, OLLE.user, { title: '=HYPERLINK("http://evil")', perspectives: 'halsoframjande', vulnerableGroups: 'true' });
    const c = await submit(world, MEMBER_GAVLE.user, { title: 'Dras tillbaka' });
    await press(world, PER.user, 'case.transition', { caseId: b, to: 'preparing' });
    await press(world, MEMBER_GAVLE.user, 'case.transition', { caseId: c, to: 'withdrawn' });

    const [queue] = await say(world, PREPARER.user, 'ärenden');
    assert.match(queue!, /Öppna ärenden\nEfter läge, äldst först\. 2 öppna ärenden\./);
    assert.match(queue!, new RegExp(`Mottaget \\(1\\)\\n\\*\\*${a}\\*\\* Äldsta ärendet\\nMottaget · 1 dag\\nUnder beredning \\(1\\)\\n\\*\\*${b}\\*\\*`));
    assert.match(queue!, /Under beredning · i dag · Per Beredare · ⭐ prioriterat/);
    assert.doesNotMatch(queue!, /Dras tillbaka/);

    const [forbidden] = await say(world, OLLE.user, 'ärenden');
    assert.match(forbidden!, /Du har inte behörighet/);

    await world.bot.post(message(SECRETARY.user, world.place(), 'ärenden'));
    const [card] = cardsOf(world.bot.connector.sent(personalConversationId(SECRETARY.user)).at(-1)!);
    const exportAction = (card!.actions as { type: string; url?: string }[]).find((x) => x.type === 'Action.OpenUrl');
    assert.ok(exportAction?.url, 'the list offers the CSV export');
    const token = exportAction.url.split('/downloads/')[1]!;
    const res = await fetch(`${world.bot.url}/downloads/${token}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /arenden-2026-11-21\.csv/);
    const csv = (await res.text()).replace(/^\uFEFF/, '');
    const rows = csv.trimEnd().split('\r\n');
    assert.equal(rows.length, 4, 'a header and every case, withdrawn ones too');
    assert.match(rows[1]!, new RegExp(`^${a};Äldsta ärendet;Förslag;Behov av vård och omsorg;Hälsofrämjande;;Mottaget;;;Gustav Gävle;Gävle kommun;2026-11-20 10:00;`));
    assert.match(rows[2]!, new RegExp(`^${b};"'=HYPERLINK\\(""http://evil""\\)";.*;ja;Under beredning;;Per Beredare;Olle Ockelbo;Ockelbo kommun;`));
    assert.match(rows[3]!, new RegExp(`^${c};Dras tillbaka;.*;Återtaget;`));

    world.clock.advance(16 * 60 * 1000);
    assert.equal((await fetch(`${world.bot.url}/downloads/${token}`)).status, 404, 'the link expires');
  });
});
