import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import { cardOf, form } from '../../kit/forms';
import type { Locale } from '../../config';
import type { AppDeps } from '../../deps';
import { formatDateTime } from '../../dates/dates';
import { t } from '../../i18n';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import type { Stored } from '../../store/types';
import { toCsv } from '../../common/csv';
import type { DirectoryEntry } from '../../directory/directoryFile';
import type { DirectoryDiff, ImportMode } from './importRules';
import { afterApply, diffDirectory, directoryFingerprint, ENTRY_FIELDS, entriesOf, hasRole, readImport } from './importRules';
import type { PendingImport } from './importRepo';
import { ImportRepo, PREVIEW_TTL_MS } from './importRepo';
import { describeChange, knownIds, namesOf, type Names } from './memberCards';
import { newBody, WORKING_GROUP_ID } from '../../directory/seed';

/** Rows of changes a preview card shows, and problems a refusal lists, within Teams' card size. */
const MAX_ROWS = 40;
const MAX_PROBLEMS = 150;
const EXPORT_TTL_MS = 15 * 60_000;
export const EXPORT_DOWNLOAD = 'directory-export';

const importSchema = z.object({
  format: z.enum(['csv', 'json']).default('csv'),
  mode: z.enum(['merge', 'replace']).default('merge'),
  text: z.string().max(200_000).default(''),
});
const applySchema = z.object({ importId: z.string().uuid() });

/** Import with a preview, and export as CSV or JSON behind signed links. */
export function registerDirectoryImport(app: FeatureApp, deps: AppDeps) {
  const imports = new ImportRepo(deps.store.containers.directory, deps.clock);

  const importForm = (turn: TurnInfo): Promise<Reply> => {
    requireRole(turn, 'secretariat');
    return Promise.resolve({ card: 'member-import', data: {} });
  };
  const exportLinks = async (turn: TurnInfo): Promise<Reply> => {
    requireRole(turn, 'secretariat');
    const locale = turn.actor.locale;
    // The whole directory is personal data: each link works once, for a quarter of an hour.
    const [csvUrl, jsonUrl] = await Promise.all(
      (['csv', 'json'] as const).map((format) => deps.links.once(EXPORT_DOWNLOAD, { format }, EXPORT_TTL_MS, turn.actor.aadObjectId)),
    );
    turn.log.info('directory export links made');
    return { card: 'member-export', data: { intro: t(locale, 'directory', 'exportIntro', { minutes: EXPORT_TTL_MS / 60_000 }), csvUrl, jsonUrl } };
  };

  app.download(EXPORT_DOWNLOAD, async (params) => {
    const members = entriesOf(await deps.directory.members());
    if (params.format === 'json') {
      return { filename: 'katalog.json', contentType: 'application/json; charset=utf-8', body: `${JSON.stringify({ members }, null, 2)}\n` };
    }
    if (params.format !== 'csv') return undefined;
    const rows = members.map((m) => ENTRY_FIELDS.map((f) => (Array.isArray(m[f]) ? (m[f] as string[]).join('|') : String(m[f]))));
    return { filename: 'katalog.csv', contentType: 'text/csv; charset=utf-8', body: toCsv([[...ENTRY_FIELDS], ...rows]) };
  }, { once: true });

  return {
    importForm,
    exportLinks,
    memberImportForm: verb(z.object({}).passthrough(), importForm),
    memberExport: verb(z.object({}).passthrough(), exportLinks),
    memberImport: verb(importSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      refuseIdentityNumbers({ text: data.text });
      const [parties, bodies, members] = await Promise.all([deps.directory.parties(), deps.directory.bodies(), deps.directory.members()]);
      const read = readImport(data.format, data.text, knownIds(parties, bodies), locale);
      if (!read.ok) {
        turn.log.info({ problems: read.problems.length }, 'directory import refused');
        return problemsReply(locale, read.problems);
      }
      return preview(turn, read.members, data.mode, entriesOf(members), namesOf(parties, bodies), '');
    }, { form: form('member-import', async (turn) => cardOf(await importForm(turn))) }),
    memberImportApply: verb(applySchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      const claim = await imports.claim(data.importId, turn.actor.aadObjectId);
      const [parties, bodies, members] = await Promise.all([deps.directory.parties(), deps.directory.bodies(), deps.directory.members()]);
      const names = namesOf(parties, bodies);
      switch (claim.kind) {
        case 'missing':
        case 'expired':
          return { text: t(locale, 'directory', 'previewExpired') };
        case 'busy':
          return { text: t(locale, 'directory', 'previewBusy') };
        case 'applied':
          return appliedReply(locale, claim.pending);
        case 'claimed':
          break;
      }
      const pending = claim.pending;
      const current = entriesOf(members);
      if (directoryFingerprint(current) !== pending.baseFingerprint) {
        await imports.discard(pending.id);
        return preview(turn, pending.entries, pending.mode, current, names, t(locale, 'directory', 'previewStaleNote'));
      }
      const diff = diffDirectory(current, pending.entries, pending.mode);
      const knownBodies = new Set(bodies.map((b) => b.id));
      for (const id of new Set([...diff.added, ...diff.changed.map((c) => c.entry)].flatMap((m) => m.bodies))) {
        if (!knownBodies.has(id) && WORKING_GROUP_ID.test(id)) await deps.directory.ensure(newBody(id, `Arbetsgrupp ${id.slice('arbetsgrupp-'.length).replace(/-/g, ' ')}`, 'working-group'));
      }
      for (const entry of [...diff.added, ...diff.changed.map((c) => c.entry)]) await deps.directory.putMember({ ...entry, source: 'import' });
      for (const entry of diff.removed) await deps.directory.removeMember(entry.aadObjectId);
      const done = await imports.finish(pending.id, { aadObjectId: turn.actor.aadObjectId, name: turn.actor.name });
      turn.log.info({ added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length }, 'directory import applied');
      return done ? appliedReply(locale, done) : { text: t(locale, 'directory', 'previewExpired') };
    }, { once: true }),
  };

  async function preview(turn: TurnInfo, incoming: DirectoryEntry[], mode: ImportMode, current: DirectoryEntry[], names: Names, note: string): Promise<Reply> {
    const locale = turn.actor.locale;
    const diff = diffDirectory(current, incoming, mode);
    if (hasRole(current, 'secretariat') && !hasRole(afterApply(current, diff), 'secretariat')) {
      return problemsReply(locale, [t(locale, 'directory', 'lastSecretariat')]);
    }
    const changes = diff.added.length + diff.changed.length + diff.removed.length;
    let importId = '';
    if (changes > 0) {
      const now = deps.clock.now();
      importId = randomUUID();
      await imports.create({
        id: importId,
        pk: 'import',
        type: 'directory-import',
        createdBy: turn.actor.aadObjectId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + PREVIEW_TTL_MS).toISOString(),
        mode,
        baseFingerprint: directoryFingerprint(current),
        entries: incoming,
        state: 'pending',
        leaseUntil: null,
        appliedBy: null,
        appliedByName: null,
        appliedAt: null,
        counts: countsOf(diff),
      });
    }
    return { card: 'member-preview', data: previewData(locale, diff, names, importId, note) };
  }
}

function countsOf(diff: DirectoryDiff): PendingImport['counts'] {
  return { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length, unchanged: diff.unchanged };
}

function previewData(locale: Locale, diff: DirectoryDiff, names: Names, importId: string, note: string): object {
  const rows = [
    ...diff.added.map((m) => ({ name: m.name, id: m.aadObjectId, change: t(locale, 'directory', 'changeAdded'), details: `${m.email} · ${names.party(m.partyId)} · ${m.bodies.map((b) => names.body(b)).join(', ')}` })),
    ...diff.changed.map((c) => ({ name: c.entry.name, id: c.entry.aadObjectId, change: t(locale, 'directory', 'changeChanged'), details: c.changes.map((x) => describeChange(x, names, locale)).join('\n\n') })),
    ...diff.removed.map((m) => ({ name: m.name, id: m.aadObjectId, change: t(locale, 'directory', 'changeRemoved'), details: `${m.email} · ${names.party(m.partyId)}` })),
  ];
  const total = rows.length;
  return {
    note,
    counts: t(locale, 'directory', 'previewCounts', countsOf(diff)),
    nothing: total === 0 ? t(locale, 'directory', 'previewNothing') : '',
    rows: rows.slice(0, MAX_ROWS),
    more: total > MAX_ROWS ? t(locale, 'directory', 'previewMore', { count: total - MAX_ROWS }) : '',
    importId,
    applied: '',
  };
}

function appliedReply(locale: Locale, pending: Stored<PendingImport>): Reply {
  return {
    card: 'member-preview',
    data: {
      note: '',
      counts: t(locale, 'directory', 'previewCounts', pending.counts),
      nothing: '',
      rows: [],
      more: '',
      importId: '',
      applied: t(locale, 'directory', 'previewApplied', {
        when: pending.appliedAt ? formatDateTime(new Date(pending.appliedAt), locale) : '',
        by: pending.appliedByName ?? '',
      }),
    },
  };
}

function problemsReply(locale: Locale, problems: string[]): Reply {
  return {
    card: 'member-problems',
    data: {
      intro: t(locale, 'directory', 'problemsIntro', { count: problems.length }),
      problems: problems.slice(0, MAX_PROBLEMS).map((text, i) => ({ text: `${i + 1}. ${text}` })),
      more: problems.length > MAX_PROBLEMS ? t(locale, 'directory', 'problemsMore', { count: problems.length - MAX_PROBLEMS }) : '',
    },
  };
}
