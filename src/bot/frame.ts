import type { Activity } from 'botbuilder';
import type { Locale } from '../config';
import type { AppDeps } from '../deps';
import type { Role } from '../directory/model';
import { t } from '../i18n';
import type { FeatureApp, Reply, TurnInfo } from '../kit/featureApp';
import type { FeatureRegistry } from './registry';
import { sightingOf } from './turnInfo';
import { z } from 'zod';
import { defineVerbs, verb } from '../kit/verbs';
import { conversationKey } from '../directory/directoryRepo';

const ROLE_KEYS = {
  secretariat: 'roleSecretariat',
  chair: 'roleChair',
  preparer: 'rolePreparer',
  member: 'roleMember',
} as const satisfies Record<Role, string>;

/** The bot's own frame: help (command and button). Welcome is sent on install by `greet`. */
export function registerFrame(app: FeatureApp, registry: FeatureRegistry): void {
  app.command(
    {
      names: ['hjälp', 'help', 'hjalp', '?'],
      display: { sv: 'hjälp', en: 'help' },
      description: { sv: 'Visar vad du kan göra.', en: 'Shows what you can do.' },
      roles: 'everyone',
    },
    (turn) => Promise.resolve([helpReply(turn, registry)]),
  );
  app.addVerbs(defineVerbs({ 'help.show': verb(z.object({}).passthrough(), (turn) => Promise.resolve(helpReply(turn, registry))) }));
}

function rolesOf(turn: TurnInfo): readonly Role[] {
  return turn.actor.member?.roles ?? [];
}

function allowed(roles: readonly Role[] | 'everyone', mine: readonly Role[]): boolean {
  return roles === 'everyone' || roles.some((r) => mine.includes(r));
}

/** The commands and buttons the actor's roles allow. */
export function helpReply(turn: TurnInfo, registry: FeatureRegistry): Reply {
  const locale = turn.actor.locale;
  const mine = rolesOf(turn);
  const commands = registry.commands
    .filter((c) => allowed(c.spec.roles, mine))
    .map((c) => ({ command: c.spec.display[locale], description: c.spec.description[locale] }));
  const rolesLine = turn.actor.member
    ? t(locale, 'core', 'helpRoles', { roles: mine.map((r) => t(locale, 'core', ROLE_KEYS[r])).join(', ') })
    : t(locale, 'core', 'helpNoRoles');
  return { card: 'help', data: { rolesLine, commands, actions: quickActions(registry, mine, locale) } };
}

function quickActions(registry: FeatureRegistry, mine: readonly Role[], locale: Locale): { title: string; verb: string }[] {
  return registry.quickActions.filter((a) => allowed(a.roles, mine)).map((a) => ({ title: a.title[locale], verb: a.verb }));
}

/**
 * Greets a conversation the bot was added to, once: Teams sends both a conversationUpdate and an
 * installationUpdate, and only the first to mark the conversation greeted sends the card.
 */
export async function greet(
  activity: Partial<Activity>,
  turn: TurnInfo | undefined,
  deps: AppDeps,
  registry: FeatureRegistry,
  fallbackLocale: Locale,
): Promise<Reply[]> {
  const sighting = sightingOf(activity);
  if (!sighting) return [];
  if (!(await deps.directory.markGreeted(conversationKey(sighting.conversationId)))) return [];
  const locale = turn?.actor.locale ?? fallbackLocale;
  const mine = turn ? rolesOf(turn) : [];
  const inDirectory = sighting.kind !== 'personal' || turn?.actor.member !== undefined;
  deps.log.info({ conversation: sighting.kind, inDirectory }, 'bot installed; welcome sent');
  if (turn) {
    for (const handler of registry.installHandlers) {
      // The welcome goes out whatever a feature's follow-up does; a failure is logged, not shown.
      await handler(turn).catch((err: unknown) => deps.log.warn({ err }, 'install follow-up failed'));
    }
  }
  return [{ card: 'welcome', data: { inDirectory, actions: quickActions(registry, mine, locale) } }];
}
