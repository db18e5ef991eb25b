import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { defineVerbs, verb } from '../../kit/verbs';
import { FieldError, beside, cardOf, form } from '../../kit/forms';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import { registerDirectoryImport } from './importHandlers';
import { registerMemberAdmin } from './memberHandlers';
import { registerRosterSync } from './rosterHandlers';
import { registerUnknownUsers } from './unknownUserHandlers';

const linkSchema = z
  .object({
    partyId: z.string().trim().max(100).optional(),
    bodyId: z.string().trim().max(100).optional(),
  })
  .transform((d) => ({ partyId: d.partyId || undefined, bodyId: d.bodyId || undefined }));

/**
 * Directory actions in chat: linking a team channel to a party or body (`channel.link`), and the
 * secretariat's administration of members (forms, import/export, roster comparison).
 */
export function registerDirectory(app: FeatureApp, deps: AppDeps) {
  const transfer = registerDirectoryImport(app, deps);
  const rosters = registerRosterSync(app, deps);
  const admin = registerMemberAdmin(app, deps, { ...transfer, roster: rosters.roster });
  registerUnknownUsers(app, deps);

  app.command(
    {
      names: ['koppla kanal', 'link channel', 'koppla'],
      display: { sv: 'koppla kanal', en: 'link channel' },
      description: { sv: t('sv', 'directory', 'commandLink'), en: t('en', 'directory', 'commandLink') },
      roles: ['secretariat'],
    },
    async (turn) => [await linkForm(turn, deps)],
  );

  return defineVerbs({
    'channel.link': verb(linkSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      if (turn.conversation.kind !== 'channel') return { text: t(locale, 'directory', 'linkOnlyInChannel') };
      if (Boolean(data.partyId) === Boolean(data.bodyId)) {
        throw new FieldError({ partyId: beside(t(locale, 'directory', 'linkChooseOne')) });
      }
      const target = data.partyId
        ? await deps.directory.party(data.partyId)
        : await deps.directory.body(data.bodyId!);
      if (!target) throw new FieldError({ [data.partyId ? 'partyId' : 'bodyId']: beside(t(locale, 'directory', 'linkUnknown')) });
      await deps.directory.linkChannel(target, turn.conversation.key);
      turn.log.info({ target: target.id }, 'channel linked');
      return { text: t(locale, 'directory', 'linkDone', { name: target.name }) };
    }, { form: form('channel-link', async (turn) => cardOf(await linkForm(turn, deps))) }),
    // The secretariat's administration of members.
    'member.menu': admin.memberMenu,
    'member.find': admin.memberFind,
    'member.form': admin.memberForm,
    'member.save': admin.memberSave,
    'member.remove': admin.memberRemove,
    'member.importForm': transfer.memberImportForm,
    'member.import': transfer.memberImport,
    'member.importApply': transfer.memberImportApply,
    'member.export': transfer.memberExport,
    'member.roster': rosters.memberRoster,
  });
}

async function linkForm(turn: TurnInfo, deps: AppDeps): Promise<Reply> {
  requireRole(turn, 'secretariat');
  if (turn.conversation.kind !== 'channel') return { text: t(turn.actor.locale, 'directory', 'linkOnlyInChannel') };
  const [parties, bodies] = await Promise.all([deps.directory.parties(), deps.directory.bodies()]);
  return {
    card: 'channel-link',
    data: {
      parties: parties.map((p) => ({ title: p.name, value: p.id })),
      bodies: bodies.map((b) => ({ title: b.name, value: b.id })),
    },
  };
}
