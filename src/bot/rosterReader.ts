import type { ConversationReference } from 'botbuilder';
import { TeamsInfo } from 'botbuilder';
import type { Config } from '../config';
import type { ConversationDoc, RosterMember, RosterReader } from '../directory/model';
import { createAdapter } from './adapter';

/** Teams allows up to 500 members per page. */
const PAGE_SIZE = 500;
/** A team of the collaboration is far smaller; this only stops a runaway paging loop. */
const MAX_PAGES = 40;

/**
 * Reads a team's roster through the Bot Connector (`GET /v3/conversations/{teamId}/pagedmembers`),
 * in a proactive turn on the stored conversation reference, with the app's own credentials.
 */
export function createRosterReader(config: Config): RosterReader {
  const adapter = createAdapter(config);
  const appId = config.auth.enabled ? config.auth.appId : '';
  return {
    async teamMembers(conversation: ConversationDoc): Promise<RosterMember[]> {
      const teamId = conversation.teamId;
      if (!teamId) return [];
      const out: RosterMember[] = [];
      await adapter.continueConversationAsync(appId, referenceOf(conversation), async (context) => {
        let continuationToken: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const result = await TeamsInfo.getPagedTeamMembers(context, teamId, PAGE_SIZE, continuationToken);
          for (const m of result.members ?? []) {
            if (!m.aadObjectId) continue;
            out.push({ aadObjectId: m.aadObjectId, name: m.name ?? '', email: (m.email ?? m.userPrincipalName ?? null)?.toLowerCase() ?? null });
          }
          continuationToken = result.continuationToken || undefined;
          if (!continuationToken) break;
        }
      });
      return out;
    },
  };
}

function referenceOf(conversation: ConversationDoc): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: conversation.serviceUrl,
    bot: { id: conversation.botId, name: conversation.botName ?? '' },
    conversation: {
      id: conversation.conversationId,
      isGroup: conversation.kind !== 'personal',
      conversationType: conversation.kind,
      tenantId: conversation.tenantId ?? '',
      name: '',
    },
  };
}
