import { randomUUID } from 'node:crypto';
import type { AgreementNotice } from '../../../src/features/termination/terminationRules';
import type { YearPlan } from '../../../src/features/yearPlan/yearPlanRules';
import { isoDate } from '../../../src/dates/dates';
import { ACTORS } from './actors';
import type { FixtureContext, VerbFixture } from './verbFixtures';

const DAY = 86_400_000;

/** A newcomer to a committee (which starts their introduction); returns the checklist's id. */
async function newcomer(ctx: FixtureContext): Promise<string> {
  const directory = ctx.app.bot.app.deps.directory;
  const aadObjectId = randomUUID();
  await directory.putMember({ aadObjectId, name: 'Nils Nykomling', email: `nils.${aadObjectId.slice(0, 8)}@example.se`, partyId: 'sandviken', bodies: ['utskott-vuxna'], roles: ['member'], source: 'admin' });
  if (!(await ctx.app.bot.store.containers.directory.read('intro', aadObjectId))) throw new Error('no introduction started');
  return aadObjectId;
}
const unknownChecklists = () => Promise.resolve({ checklistId: ['00000000-0000-4000-8000-00000000dead'] });

/** The plan year the fixtures work on: the next one (the secretariat plans it in the autumn). */
const yearOf = (ctx: FixtureContext) => Number(isoDate(ctx.clock.now()).slice(0, 4)) + 1;
/** A Friday of the year that is no holiday: the second in February. */
function fridayIn(year: number): string {
  const first = new Date(Date.UTC(year, 1, 1));
  return isoDate(new Date(first.getTime() + ((5 - first.getUTCDay() + 7) % 7) * DAY + 7 * DAY));
}

const PROPOSAL = { proposeBody: 'lansledning', intervalWeeks: '4', proposeStart: '09:00', proposeEnd: '12:00', skipJuly: 'true' };

/** Proposes Länsledning's meetings for the year, and returns the plan's version to publish. */
async function proposedPlan(ctx: FixtureContext): Promise<{ year: number; version: number }> {
  const year = yearOf(ctx);
  await ctx.press('secretariat', 'year.propose', { year, ...PROPOSAL, firstDate: `${year}-01-08` });
  const plan = await ctx.app.bot.store.containers.directory.read<YearPlan>('yearplan', String(year));
  if (!plan || plan.series.length === 0) throw new Error('no plan proposed');
  return { year, version: plan.version };
}
const otherYears = () => Promise.resolve({ year: ['1999', '2100'] });
const PLAN_EDITOR = /Årsplan \d{4}/;

const notice = (ctx: FixtureContext) => ctx.app.bot.store.containers.directory.read<AgreementNotice>('notice', 'agreement');
const NOTICE = (ctx: FixtureContext) => ({ partyId: 'ockelbo', noticeDate: isoDate(new Date(ctx.clock.now().getTime() - DAY)), note: 'Beslut i kommunfullmäktige.' });

/**
 * No notice in force: the one standing (registered by the secretariat here) is struck as a
 * mistake, so a new one can be recorded. Once the correction window has passed (other fixtures
 * move the clock on by days) a notice is final in the bot, so the fixture clears it in the store.
 */
async function noNotice(ctx: FixtureContext): Promise<void> {
  const active = (await notice(ctx))?.active;
  if (active) await ctx.press('secretariat', 'notice.correct', { noticeId: active.id, reason: 'Fel kommun.' });
  const still = await notice(ctx);
  if (still?.active) await ctx.app.bot.store.containers.directory.upsert({ ...still, active: null, history: [...still.history, still.active] });
}

/** A notice in force; returns its id. */
async function activeNotice(ctx: FixtureContext): Promise<string> {
  await noNotice(ctx);
  await ctx.press('secretariat', 'notice.confirm', NOTICE(ctx));
  const active = (await notice(ctx))?.active;
  if (!active) throw new Error('no notice recorded');
  return active.id;
}

/** The key's weights as the secretariat types them: one per municipality. */
async function weights(ctx: FixtureContext): Promise<Record<string, string>> {
  const parties = await ctx.app.bot.app.deps.directory.parties();
  return Object.fromEntries(parties.filter((p) => p.kind === 'municipality').map((p, i) => [`w_${p.id}`, String(10 + i)]));
}

/** Introductions, the year plan and reminders, the annual report, cost sharing and notice of termination. */
export const ONBOARDING_FIXTURES: VerbFixture[] = [
  {
    verb: 'onboarding.show',
    payload: async (ctx) => ({ checklistId: await newcomer(ctx) }),
    allowed: /Introduktion av Nils Nykomling/,
    idFields: ['checklistId'],
    foreignIds: unknownChecklists,
  },
  {
    verb: 'onboarding.tick',
    payload: async (ctx) => ({ checklistId: await newcomer(ctx), step: 'chair', note_chair: 'Vi träffades efter mötet.' }),
    allowed: /1 av 4 steg klart/,
    idFields: ['checklistId'],
    foreignIds: unknownChecklists,
  },
  {
    verb: 'onboarding.assign',
    payload: async (ctx) => ({ checklistId: await newcomer(ctx), step: 'chief', person_chief: ACTORS.chair.entry!.email }),
    allowed: /Ansvarig: Carl Ordförande/,
    idFields: ['checklistId', 'person_chief'],
    foreignIds: () => Promise.resolve({ checklistId: ['00000000-0000-4000-8000-00000000dead'], person_chief: ['ingen.alls@example.se'] }),
  },
  { verb: 'year.open', payload: (ctx) => Promise.resolve({ year: yearOf(ctx) }), allowed: PLAN_EDITOR, idFields: ['year'], foreignIds: otherYears },
  {
    verb: 'year.propose',
    payload: (ctx) => Promise.resolve({ year: yearOf(ctx), ...PROPOSAL, firstDate: `${yearOf(ctx)}-01-08` }),
    allowed: PLAN_EDITOR,
    idFields: ['year', 'proposeBody'],
    dateFields: ['firstDate'],
    foreignIds: () => Promise.resolve({ year: ['1999', '2100'], proposeBody: ['gavle', 'no-such-body'] }),
  },
  {
    verb: 'year.addDate',
    payload: async (ctx) => {
      const year = yearOf(ctx);
      const date = fridayIn(year);
      await ctx.press('secretariat', 'year.removeDate', { year, bodyId: 'lansledning', remove_lansledning: date });
      return { year, bodyId: 'lansledning', add_lansledning: date, addStart_lansledning: '09:00', addEnd_lansledning: '12:00' };
    },
    allowed: PLAN_EDITOR,
    idFields: ['year', 'bodyId'],
    dateFields: ['add_lansledning'],
    foreignIds: () => Promise.resolve({ year: ['1999', '2100'], bodyId: ['gavle', 'no-such-body'] }),
  },
  {
    verb: 'year.removeDate',
    payload: async (ctx) => {
      const year = yearOf(ctx);
      const date = fridayIn(year);
      await ctx.press('secretariat', 'year.addDate', { year, bodyId: 'lansledning', add_lansledning: date, addStart_lansledning: '09:00', addEnd_lansledning: '12:00' });
      return { year, bodyId: 'lansledning', remove_lansledning: date };
    },
    allowed: PLAN_EDITOR,
    idFields: ['year', 'bodyId'],
    foreignIds: () => Promise.resolve({ year: ['1999', '2100'], bodyId: ['gavle', 'no-such-body'] }),
  },
  {
    verb: 'year.publish',
    payload: proposedPlan,
    allowed: /Årsplanen är publicerad och skickad till \d+ medlemmar/,
    rejection: /årsplanen har ändrats sedan kortet visades/,
    idFields: ['year', 'version'],
    foreignIds: () => Promise.resolve({ year: ['1999', '2100'], version: ['0', '99999'] }),
  },
  { verb: 'year.settings', payload: () => Promise.resolve({}), allowed: /Årshjulets påminnelser/ },
  {
    verb: 'year.settingsSave',
    payload: () =>
      Promise.resolve({
        leadDays: '14',
        date_agreementReview: '02-28',
        date_activityPlanDecided: '02-28',
        date_activityPlanFollowUp: '10-31',
        date_activityPlanReport: '11-30',
        date_actionPlan: '12-15',
      }),
    allowed: /Datumen är sparade/,
    dateFields: ['date_agreementReview', 'date_actionPlan'],
  },
  { verb: 'year.report', payload: (ctx) => Promise.resolve({ year: yearOf(ctx) - 1 }), allowed: /Årsrapport \d{4}/, idFields: ['year'], foreignIds: otherYears },
  { verb: 'cost.key', payload: () => Promise.resolve({}), allowed: /Fördelningsnyckel/ },
  {
    verb: 'cost.keySave',
    payload: async (ctx) => ({ effectiveFrom: `${yearOf(ctx)}-01-01`, note: 'Efter invånarantal.', ...(await weights(ctx)) }),
    allowed: /Fördelningsnyckeln från .+ är sparad/,
    dateFields: ['effectiveFrom'],
  },
  {
    verb: 'cost.split',
    payload: (ctx) => Promise.resolve({ amount: '100000', what: 'Utbildningsdag', kind: 'project', date: isoDate(ctx.clock.now()) }),
    allowed: /Fördelning av 100|Det finns ingen fördelningsnyckel som gäller/,
    dateFields: ['date'],
    optionalDateFields: ['date'],
  },
  { verb: 'cost.meetings', payload: (ctx) => Promise.resolve({ year: yearOf(ctx) }), allowed: /Möteskostnader \d{4}/ },
  {
    verb: 'cost.meetingAdd',
    payload: (ctx) => Promise.resolve({ year: yearOf(ctx), formId: randomUUID(), date: `${yearOf(ctx)}-03-13`, what: 'Lokal för Länsledning', amount: '3500' }),
    allowed: /Registrerat: Lokal för Länsledning/,
    rejection: /ange ett datum under|skriv vad kostnaden gäller|ange beloppet i hela kronor/,
    dateFields: ['date'],
  },
  {
    verb: 'cost.meetingRemove',
    payload: async (ctx) => {
      const formId = randomUUID();
      await ctx.press('secretariat', 'cost.meetingAdd', { year: yearOf(ctx), formId, date: `${yearOf(ctx)}-03-13`, what: 'Fika', amount: '800' });
      return { year: yearOf(ctx), entryId: formId };
    },
    allowed: /Borttaget: Fika/,
    idFields: ['entryId'],
    foreignIds: () => Promise.resolve({ entryId: [randomUUID()] }),
  },
  { verb: 'cost.meetingDivisionForm', payload: (ctx) => Promise.resolve({ year: yearOf(ctx) }), allowed: /Fördelning av möteskostnaderna \d{4}/ },
  {
    verb: 'cost.meetingDivision',
    payload: (ctx) => Promise.resolve({ year: yearOf(ctx), region: '50', municipalities: '50', municipalShares: 'key', decidedOn: isoDate(ctx.clock.now()), basis: 'Länsledning § 7' }),
    allowed: /Fördelningen för \d{4} är sparad/,
    rejection: /ange två andelar|ange beslutsdatumet|ange var beslutet fattades/,
    dateFields: ['decidedOn'],
  },
  {
    verb: 'notice.preview',
    payload: (ctx) => Promise.resolve(NOTICE(ctx)),
    allowed: /Ockelbo kommun sade upp överenskommelsen/,
    idFields: ['partyId'],
    dateFields: ['noticeDate'],
    foreignIds: () => Promise.resolve({ partyId: ['uppsala', 'lansledning', 'no-such-party'] }),
  },
  {
    verb: 'notice.confirm',
    payload: async (ctx) => {
      await noNotice(ctx);
      return NOTICE(ctx);
    },
    allowed: /Ockelbo kommun sade upp överenskommelsen .* Registrerad av Siv Sekreterare/,
    idFields: ['partyId'],
    dateFields: ['noticeDate'],
    foreignIds: () => Promise.resolve({ partyId: ['uppsala', 'lansledning', 'no-such-party'] }),
  },
  {
    verb: 'notice.correct',
    payload: async (ctx) => ({ noticeId: await activeNotice(ctx), reason: 'Fel kommun valdes.' }),
    allowed: /Registreringen av uppsägningen från Ockelbo kommun .* är struken som felregistrering/,
    idFields: ['noticeId'],
    foreignIds: () => Promise.resolve({ noticeId: [randomUUID()] }),
  },
  {
    verb: 'notice.withdraw',
    payload: async (ctx) => ({ noticeId: await activeNotice(ctx), reason: 'Fel datum.' }),
    allowed: /Registreringen av uppsägningen från Ockelbo kommun .* är struken som felregistrering/,
    idFields: ['noticeId'],
    foreignIds: () => Promise.resolve({ noticeId: [randomUUID()] }),
  },
];
