import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AppCredentials, AuthenticationConstants } from 'botframework-connector';
import type { Config } from '../config';
import type { SendRequest, SendResult, TeamsSender } from '../delivery/sender';
import { classifyResponse } from '../delivery/sender';
import type { Logger } from '../log';

export interface ProactiveSenderDeps {
  config: Pick<Config, 'auth'>;
  log: Logger;
  /** Bearer tokens for the Bot Connector service; default: the app's credentials (when auth is on). */
  getToken?: (forceRefresh: boolean) => Promise<string>;
  /** Per call; well under the outbox lease. Default 15 s. */
  timeoutMs?: number;
}

/**
 * Sends or updates one activity over plain HTTP: `POST {serviceUrl}v3/conversations/{id}/activities`
 * or `PUT .../activities/{activityId}`. Exactly one call per send, never retried here: the SDK's
 * ConnectorClient retries 429 and 5xx on its own, and the outbox owns retries and rate accounting.
 */
export function createProactiveSender(deps: ProactiveSenderDeps): TeamsSender {
  const getToken = deps.getToken ?? (deps.config.auth.enabled ? appCredentialsToken(deps.config.auth) : undefined);
  const timeoutMs = deps.timeoutMs ?? 15_000;
  let refreshToken = false;

  return {
    async send(request: SendRequest): Promise<SendResult> {
      const { conversation, activity, updateActivityId } = request;
      const base = conversation.serviceUrl.endsWith('/') ? conversation.serviceUrl : `${conversation.serviceUrl}/`;
      const conversationId = conversation.kind === 'channel' ? channelId(conversation.conversationId) : conversation.conversationId;
      const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities`;
      const url = updateActivityId ? `${base}${path}/${encodeURIComponent(updateActivityId)}` : `${base}${path}`;
      const body = updateActivityId ? { ...activity, id: updateActivityId } : activity;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      try {
        if (getToken) {
          headers.authorization = `Bearer ${await getToken(refreshToken)}`;
          refreshToken = false;
        }
      } catch (err) {
        return { kind: 'retry', status: null, retryAfterMs: null, reason: `no token: ${errorText(err)}` };
      }
      let response: Response;
      try {
        response = await fetch(url, {
          method: updateActivityId ? 'PUT' : 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        return { kind: 'retry', status: null, retryAfterMs: null, reason: `no answer: ${errorText(err)}` };
      }
      const answer = await readJson(response);
      if (response.status === 401) refreshToken = true;
      // An update keeps the message's id, whatever the answer says.
      const activityId = updateActivityId ?? (typeof answer?.id === 'string' && answer.id !== '' ? answer.id : null);
      const result = classifyResponse(response.status, activityId, response.headers.get('retry-after'), Date.now());
      if (result.kind !== 'ok') {
        deps.log.debug({ status: response.status, conversationKey: conversation.id, result: result.kind }, 'Teams refused a send');
      }
      return result;
    },
  };
}

// A new thread goes to the channel itself, not to a reply chain
// (`19:...@thread.tacv2;messageid=...`).
function channelId(conversationId: string): string {
  const cut = conversationId.indexOf(';messageid=');
  return cut >= 0 ? conversationId.slice(0, cut) : conversationId;
}

// Tokens from botframework-connector's credentials for the configured app type (cached by MSAL).
function appCredentialsToken(auth: Extract<Config['auth'], { enabled: true }>): (forceRefresh: boolean) => Promise<string> {
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.appPassword,
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.appTenantId,
  });
  let credentials: Promise<AppCredentials> | undefined;
  return async (forceRefresh) => {
    credentials ??= factory
      .createCredentials(
        auth.appId,
        AuthenticationConstants.ToChannelFromBotOAuthScope,
        AuthenticationConstants.ToChannelFromBotLoginUrl,
        true,
      )
      .then((created) => {
        if (!(created instanceof AppCredentials)) throw new Error('the app credentials cannot issue tokens');
        return created;
      });
    try {
      return await (await credentials).getToken(forceRefresh);
    } catch (err) {
      credentials = undefined;
      throw err;
    }
  };
}

async function readJson(response: Response): Promise<{ id?: unknown } | undefined> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as { id?: unknown };
  } catch {
    return undefined;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
