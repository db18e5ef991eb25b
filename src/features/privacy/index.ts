import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { defineVerbs, verb } from '../../kit/verbs';
import { beside, FieldError, form } from '../../kit/forms';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { isoDate } from '../../dates/dates';
import type { Stored } from '../../store/types';
import type { Member } from '../../directory/model';
import { erasePerson, findPersonalData } from './personalDataRepo';
import { markerFor, type Person } from './personalDataRules';

const EXPORT_KIND = 'personal-data';
/** A personal data export link is a bearer link: it works once, for a quarter of an hour. */
const EXPORT_LINK_TTL_MS = 15 * 60_000;

const bilingual = (key: Parameters<typeof t<'security'>>[2]) => ({ sv: t('sv', 'security', key), en: t('en', 'security', key) });

/**
 * Data protection for the secretariat, from the "Personuppgifter" form: an export of everything
 * stored about a member (JSON behind a signed link) and the removal of a member who has left
 * (confirmed on a card). (The nightly retention sweep is the bot's: src/bot/nightlySweep.ts.)
 */
export function registerPrivacy(app: FeatureApp, deps: AppDeps) {
  // Teams' command menus are full (ten per scope), so these are reached from the secretariat's
  // button on the welcome and help cards, which opens the form.
  app.quickAction({ verb: 'privacy.form', title: bilingual('menuButton'), roles: ['secretariat'] });
  const query = z.object({ query: z.string().max(300).default('') });
  app.download(EXPORT_KIND, async (params) => {
    const member = params.aadObjectId ? await deps.directory.member(params.aadObjectId) : undefined;
    if (!member) return undefined;
    const found = await findPersonalData(deps.store, deps.clock, personOf(member));
    const body = JSON.stringify(
      { exportedAt: deps.clock.now().toISOString(), member: strip(member), records: found.map((f) => ({ container: f.container, partition: f.doc.pk, document: strip(f.doc) })) },
      null,
      2,
    );
    return { filename: `personuppgifter-${isoDate(deps.clock.now())}.json`, contentType: 'application/json; charset=utf-8', body };
  }, { once: true });

  // Who to export or erase: asked on one form, which comes back with the search kept when no one or several match.
  const searchForm = form('privacy-form', (turn) => {
    requireRole(turn, 'secretariat');
    return { card: 'privacy-form', data: {} };
  });

  return defineVerbs({
    'privacy.form': verb(z.object({}).passthrough(), (turn) => {
      requireRole(turn, 'secretariat');
      return Promise.resolve({ card: 'privacy-form', data: {} });
    }),
    'privacy.export': verb(query, (turn, data) => exportLink(turn, data.query, deps), { form: searchForm }),
    'privacy.eraseConfirm': verb(query, (turn, data) => eraseConfirm(turn, data.query, deps), { form: searchForm }),
    'privacy.erase': verb(z.object({ aadObjectId: z.string().min(1).max(128), version: z.string().min(1).max(200) }), (turn, data) => erase(turn, data, deps)),
  });
}

async function findMember(turn: TurnInfo, query: string, deps: AppDeps): Promise<Stored<Member>> {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') throw new FieldError({ query: beside(t(turn.actor.locale, 'security', 'whoMissing')) });
  const members = await deps.directory.members();
  const exact = members.filter((m) => m.email.toLowerCase() === wanted || m.aadObjectId.toLowerCase() === wanted || m.name.toLowerCase() === wanted);
  const hits = exact.length > 0 ? exact : members.filter((m) => m.name.toLowerCase().includes(wanted) || m.email.toLowerCase().includes(wanted));
  if (hits.length === 1) return hits[0]!;
  const detail =
    hits.length === 0
      ? t(turn.actor.locale, 'security', 'whoNone')
      : t(turn.actor.locale, 'security', 'whoMany', { names: hits.slice(0, 8).map((m) => `${m.name} <${m.email}>`).join(', ') });
  throw new FieldError({ query: beside(detail) });
}

async function exportLink(turn: TurnInfo, args: string, deps: AppDeps): Promise<Reply> {
  requireRole(turn, 'secretariat');
  const member = await findMember(turn, args, deps);
  turn.log.info({ member: member.aadObjectId }, 'personal data export link made');
  const url = await deps.links.once(EXPORT_KIND, { aadObjectId: member.aadObjectId }, EXPORT_LINK_TTL_MS, turn.actor.aadObjectId);
  return { text: t(turn.actor.locale, 'security', 'exportReady', { name: member.name, url, minutes: EXPORT_LINK_TTL_MS / 60_000 }) };
}

async function eraseConfirm(turn: TurnInfo, args: string, deps: AppDeps): Promise<Reply> {
  requireRole(turn, 'secretariat');
  const member = await findMember(turn, args, deps);
  const found = await findPersonalData(deps.store, deps.clock, personOf(member));
  const party = await deps.directory.party(member.partyId);
  return {
    card: 'privacy-erase',
    data: {
      intro: t(turn.actor.locale, 'security', 'eraseIntro', { name: member.name, email: member.email, records: found.length, party: party?.name ?? member.partyId }),
      aadObjectId: member.aadObjectId,
      version: member._etag,
    },
  };
}

async function erase(turn: TurnInfo, data: { aadObjectId: string; version: string }, deps: AppDeps): Promise<Reply> {
  requireRole(turn, 'secretariat');
  const member = await deps.directory.member(data.aadObjectId);
  if (!member) return { text: t(turn.actor.locale, 'security', 'eraseGone') };
  if (member._etag !== data.version) throw new AppError('STALE');
  const party = await deps.directory.party(member.partyId);
  const marker = markerFor(personOf(member), party?.name ?? member.partyId, randomBytes(4).toString('hex'), 'sv');
  const person = personOf(member);
  // Everything but the entry first: a run that fails half way leaves the member to remove again.
  const records = await erasePerson(deps.store, deps.clock, person, marker, { keepEntry: true });
  // The entry goes through the directory, so whatever follows members (introductions…) sees the
  // removal; what that wrote about the person is swept by the last pass.
  const removedEntry = await deps.directory.removeMember(person.aadObjectId);
  const after = await erasePerson(deps.store, deps.clock, person, marker);
  const result = { deleted: records.deleted + after.deleted + (removedEntry ? 1 : 0), rewritten: records.rewritten + after.rewritten };
  turn.log.info({ marker: marker.aadObjectId, ...result }, 'member removed; their party keeps its records');
  return { text: t(turn.actor.locale, 'security', 'eraseDone', { marker: marker.name, deleted: result.deleted, rewritten: result.rewritten }) };
}

function personOf(member: Member): Person {
  return { aadObjectId: member.aadObjectId, name: member.name, email: member.email, partyId: member.partyId };
}

function strip<T extends object>(doc: T): Omit<T, '_etag'> {
  const { _etag, _rid, _self, _ts, _attachments, ...rest } = doc as T & Record<string, unknown>;
  void [_etag, _rid, _self, _ts, _attachments];
  return rest as Omit<T, '_etag'>;
}
