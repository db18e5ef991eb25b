import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import { cardOf, form } from '../../kit/forms';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import type { Stored } from '../../store/types';
import { joinedIntroBodies } from '../../directory/membershipRules';
import type { DirectoryEntry } from '../../directory/directoryFile';
import { describeProblem, validateDirectory } from '../../directory/directoryFile';
import { StaleMemberError } from '../../directory/directoryRepo';
import { afterApply, entriesOf, fieldChanges, hasRole } from './importRules';
import { fold, splitChoice } from '../../common/text';
import { describeChange, knownIds, memberForm, memberSummary, namesOf, valuesOf } from './memberCards';
import type { Member } from '../../directory/model';
import { waitingUsers } from './unknownUserHandlers';

const MAX_LISTED = 20;
const text = (max: number) => z.string().max(max).default('');

const formSchema = z.object({ aadObjectId: text(128), name: text(200), email: text(300), partyId: text(100) }).passthrough();
const saveSchema = z
  .object({ aadObjectId: text(128), name: text(300), email: text(300), partyId: text(100), bodies: text(3000), roles: text(300), version: text(200) })
  .passthrough();
const removeSchema = z.object({ aadObjectId: z.string().min(1).max(128), version: z.string().min(1).max(200) }).passthrough();
const findSchema = z.object({ query: text(200) }).passthrough();

/** Subcommands of `medlem`/`member`; anything else is a search. */
const SUBCOMMANDS: Record<string, 'add' | 'import' | 'export' | 'roster'> = {
  ny: 'add',
  new: 'add',
  add: 'add',
  'lägg till': 'add',
  import: 'import',
  importera: 'import',
  export: 'export',
  exportera: 'export',
  team: 'roster',
  roster: 'roster',
};

export interface MemberAdminRoutes {
  importForm: (turn: TurnInfo) => Promise<Reply>;
  exportLinks: (turn: TurnInfo) => Promise<Reply>;
  roster: (turn: TurnInfo, partyId: string | undefined) => Promise<Reply>;
}

/** `medlem`/`member`: the secretariat keeps the directory right from chat. */
export function registerMemberAdmin(app: FeatureApp, deps: AppDeps, routes: MemberAdminRoutes) {
  app.command(
    {
      names: ['medlem', 'member', 'medlemmar', 'members', 'katalog', 'directory'],
      display: { sv: 'medlem', en: 'member' },
      description: { sv: t('sv', 'directory', 'commandMember'), en: t('en', 'directory', 'commandMember') },
      roles: ['secretariat'],
    },
    async (turn, args) => {
      requireRole(turn, 'secretariat');
      const sub = SUBCOMMANDS[args.trim().toLowerCase()];
      if (sub === 'add') return [await formReply(deps, turn, {})];
      if (sub === 'import') return [await routes.importForm(turn)];
      if (sub === 'export') return [await routes.exportLinks(turn)];
      if (sub === 'roster') return [await routes.roster(turn, undefined)];
      return [args.trim() === '' ? await menu(deps, turn) : await search(deps, turn, args.trim())];
    },
  );

  app.quickAction({ verb: 'member.menu', title: { sv: t('sv', 'directory', 'menuTitle'), en: t('en', 'directory', 'menuTitle') }, roles: ['secretariat'] });

  // A member's form, as it is shown for what was submitted (the member it edits, or a new one).
  const memberFormDef = form('member-form', async (turn, values) => {
    requireRole(turn, 'secretariat');
    return cardOf(await formReply(deps, turn, values));
  });

  return {
    memberMenu: verb(z.object({}).passthrough(), async (turn) => {
      requireRole(turn, 'secretariat');
      return menu(deps, turn);
    }),
    memberFind: verb(findSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      // The search is shown back with its hits.
      refuseIdentityNumbers({ query: data.query });
      return data.query.trim() === '' ? menu(deps, turn) : search(deps, turn, data.query.trim());
    }),
    memberForm: verb(formSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      // A new member's name and e-mail are shown back in the form.
      refuseIdentityNumbers({ name: data.name, email: data.email });
      return formReply(deps, turn, data);
    }),
    memberSave: verb(
      saveSchema,
      async (turn, data) => {
        requireRole(turn, 'secretariat');
        return save(deps, turn, data);
      },
      { form: memberFormDef, once: true },
    ),
    // Asked for on the member's form ("Ta bort…" opens the question) and once-only.
    memberRemove: verb(
      removeSchema,
      async (turn, data) => {
        requireRole(turn, 'secretariat');
        return remove(deps, turn, data);
      },
      { form: memberFormDef, once: true },
    ),
  };
}

async function lists(deps: AppDeps) {
  const [parties, bodies] = await Promise.all([deps.directory.parties(), deps.directory.bodies()]);
  return { parties, bodies };
}

async function menu(deps: AppDeps, turn: TurnInfo): Promise<Reply> {
  const locale = turn.actor.locale;
  const [members, waiting, parties] = await Promise.all([deps.directory.members(), waitingUsers(deps), deps.directory.parties()]);
  return {
    card: 'member-menu',
    data: {
      intro: t(locale, 'directory', 'menuIntro', { count: members.length }),
      waiting: waiting.map((w) => ({ title: t(locale, 'directory', 'menuWaitingAdd', { name: w.name }), aadObjectId: w.aadObjectId, name: w.name })),
      linkedParties: parties.filter((p) => p.channel).map((p) => ({ title: p.name, value: p.id })),
    },
  };
}

async function search(deps: AppDeps, turn: TurnInfo, query: string): Promise<Reply> {
  const locale = turn.actor.locale;
  const [members, { parties, bodies }] = await Promise.all([deps.directory.members(), lists(deps)]);
  const names = namesOf(parties, bodies);
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  const hits = members.filter((m) => {
    const haystack = fold([m.name, m.email, m.aadObjectId, m.partyId, names.party(m.partyId)].join(' '));
    return words.every((w) => haystack.includes(w));
  });
  return {
    card: 'member-list',
    data: {
      title: t(locale, 'directory', 'listTitle', { query }),
      none: hits.length === 0 ? t(locale, 'directory', 'listNone', { query }) : '',
      more: hits.length > MAX_LISTED ? t(locale, 'directory', 'listMore', { shown: MAX_LISTED, total: hits.length }) : '',
      members: hits.slice(0, MAX_LISTED).map((m) => ({ name: m.name, email: m.email, summary: memberSummary(m, names, locale), aadObjectId: m.aadObjectId })),
    },
  };
}

async function formReply(deps: AppDeps, turn: TurnInfo, data: { aadObjectId?: string; name?: string; email?: string; partyId?: string }): Promise<Reply> {
  const id = data.aadObjectId?.trim() ?? '';
  const current = id ? await deps.directory.member(id) : undefined;
  const values = current ? valuesOf(current) : { aadObjectId: id, name: data.name ?? '', email: data.email ?? '', partyId: data.partyId ?? '' };
  return memberForm(turn.actor.locale, await lists(deps), values, current);
}

async function save(deps: AppDeps, turn: TurnInfo, data: z.infer<typeof saveSchema>): Promise<Reply> {
  const locale = turn.actor.locale;
  refuseIdentityNumbers({ name: data.name, email: data.email });
  const [members, listed] = await Promise.all([deps.directory.members(), lists(deps)]);
  const known = knownIds(listed.parties, listed.bodies);
  const raw = { aadObjectId: data.aadObjectId, name: data.name, email: data.email, partyId: data.partyId, bodies: splitChoice(data.bodies), roles: splitChoice(data.roles) };
  const current = members.find((m) => m.aadObjectId === raw.aadObjectId.trim());
  const isNew = data.version === '';
  const again = (error: string, shown: Stored<Member> | undefined = isNew ? undefined : current) =>
    memberForm(locale, listed, raw, shown, error);

  if (!isNew && (!current || current._etag !== data.version)) {
    if (!current) return { text: t(locale, 'directory', 'unknownMember') };
    return memberForm(locale, listed, valuesOf(current), current, t(locale, 'directory', 'staleMember'));
  }
  if (isNew && current) return again(t(locale, 'directory', 'problemDuplicate', { first: current.name }));
  const result = validateDirectory({ members: [raw] }, known);
  if (!result.ok) return again(result.problems.map((p) => describeProblem(p, locale, 'form', known)).join('\n\n'));
  const entry = result.members[0]!;
  const sameEmail = members.find((m) => m.email === entry.email && m.aadObjectId !== entry.aadObjectId);
  if (sameEmail) return again(t(locale, 'directory', 'duplicateEmail', { name: sameEmail.name }));
  const everyone = entriesOf(members);
  const after = afterApply(everyone, isNew ? { added: [entry], changed: [], removed: [], unchanged: 0 } : { added: [], changed: [{ entry, changes: [] }], removed: [], unchanged: 0 });
  if (hasRole(everyone, 'secretariat') && !hasRole(after, 'secretariat')) return again(t(locale, 'directory', 'lastSecretariat'));

  try {
    await deps.directory.putMember({ ...entry, source: 'admin' }, { expectedEtag: isNew ? null : data.version });
  } catch (err) {
    if (!(err instanceof StaleMemberError)) throw err;
    const fresh = await deps.directory.member(entry.aadObjectId);
    return fresh ? memberForm(locale, listed, valuesOf(fresh), fresh, t(locale, 'directory', 'staleMember')) : { text: t(locale, 'directory', 'unknownMember') };
  }
  turn.log.info({ member: entry.aadObjectId, isNew }, 'member saved by the secretariat');
  return savedReply(locale, listed, current, entry);
}

function savedReply(locale: TurnInfo['actor']['locale'], listed: Awaited<ReturnType<typeof lists>>, before: DirectoryEntry | undefined, entry: DirectoryEntry): Reply {
  const names = namesOf(listed.parties, listed.bodies);
  const changes = before ? fieldChanges(before, entry).map((c) => describeChange(c, names, locale)) : [];
  const title = !before ? 'savedTitleAdded' : changes.length > 0 ? 'savedTitleChanged' : 'savedTitleUnchanged';
  const joined = joinedIntroBodies(before, entry);
  return {
    card: 'member-saved',
    data: {
      title: t(locale, 'directory', title, { name: entry.name }),
      summary: `${entry.email} · ${memberSummary(entry, names, locale)}`,
      changes: changes.map((c) => ({ text: c })),
      introduction: joined.length > 0 ? t(locale, 'directory', 'savedIntroduction', { name: entry.name, bodies: joined.map((b) => names.body(b)).join(', ') }) : '',
      aadObjectId: entry.aadObjectId,
    },
  };
}

async function remove(deps: AppDeps, turn: TurnInfo, data: z.infer<typeof removeSchema>): Promise<Reply> {
  const locale = turn.actor.locale;
  const members = await deps.directory.members();
  const current = members.find((m) => m.aadObjectId === data.aadObjectId);
  if (!current) return { text: t(locale, 'directory', 'unknownMember') };
  if (current._etag !== data.version) return memberForm(locale, await lists(deps), valuesOf(current), current, t(locale, 'directory', 'staleMember'));
  const everyone = entriesOf(members);
  const after = afterApply(everyone, { added: [], changed: [], removed: [current], unchanged: 0 });
  if (!hasRole(after, 'secretariat')) return memberForm(locale, await lists(deps), valuesOf(current), current, t(locale, 'directory', 'lastSecretariat'));
  try {
    await deps.directory.removeMember(current.aadObjectId, { expectedEtag: data.version });
  } catch (err) {
    if (!(err instanceof StaleMemberError)) throw err;
    const fresh = await deps.directory.member(current.aadObjectId);
    return fresh ? memberForm(locale, await lists(deps), valuesOf(fresh), fresh, t(locale, 'directory', 'staleMember')) : { text: t(locale, 'directory', 'unknownMember') };
  }
  turn.log.info({ member: current.aadObjectId }, 'member removed by the secretariat');
  return { text: t(locale, 'directory', 'removedText', { name: current.name }) };
}
