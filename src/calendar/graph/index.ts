import type { Clock } from '../../clock';
import type { CalendarConfig } from '../../config';
import type { Logger } from '../../log';
import type { OutlookCalendar } from '../port';
import { createGraphCalendar } from './graphCalendar';
import type { GraphHttpDeps } from './graphHttp';
import { createGraphHttp } from './graphHttp';
import { createAccessTokens } from './tokens';

/** Outlook through Microsoft Graph, built from the settings. */
export function createOutlookCalendar(
  config: Extract<CalendarConfig, { kind: 'graph' }>,
  deps: { log: Logger; clock: Clock } & Pick<GraphHttpDeps, 'wait' | 'random'>,
): OutlookCalendar {
  const tokens = createAccessTokens({
    credential: config.credential,
    authorityHost: config.authorityHost,
    scope: `${new URL(config.graphBaseUrl).origin}/.default`,
    clock: deps.clock,
  });
  const http = createGraphHttp({ baseUrl: config.graphBaseUrl, tokens, log: deps.log, ...(deps.wait ? { wait: deps.wait } : {}), ...(deps.random ? { random: deps.random } : {}) });
  return createGraphCalendar({ http, organizer: config.organizer, log: deps.log });
}
