import type restify from 'restify';
import { z } from 'zod';
import type { DashboardSectionId } from '../kit/dashboard';
import { DASHBOARD_SECTIONS, type DashboardProvider } from '../kit/dashboard';
import { sightOf } from '../kit/permissions';
import type { Download } from '../kit/featureApp';
import type { Clock } from '../clock';
import type { Config, Locale } from '../config';
import type { DirectoryRepo } from '../directory/directoryRepo';
import { pickLocale, t } from '../i18n';
import { isoDate } from '../dates/dates';
import type { LinkSigner } from '../links';
import type { Logger } from '../log';
import type { Asset } from './assets';
import { loadAssets } from './assets';
import { tableCsv, tableXlsx } from './export';
import type { ChangeHub } from './live';
import { escapeHtml } from './html';
import { renderSection } from './render';
import { DashboardViews, fingerprint } from './views';
import { identify, type Refusal, type Viewer, type ViewerDeps } from './viewer';
import { TabTokenValidator } from './tokens';

export const TAB_EXPORT_DOWNLOAD = 'tab-export';
/** An export link is made on a press and used at once. */
const EXPORT_LINK_TTL_MS = 5 * 60_000;
/** A live stream ends after this long; the page opens a new one with a fresh token (a removed member loses access). */
const STREAM_MAX_MS = 10 * 60_000;
const HEARTBEAT_MS = 25_000;
const MAX_STREAMS = 500;

/** Where Teams shows a tab from: the only pages allowed to frame it. */
const FRAME_ANCESTORS =
  "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://outlook.office.com https://*.skype.com https://teams.live.com";
/** The Teams library checks the hosts it may run in against a list it fetches from Microsoft's CDN. */
const TEAMS_JS_DOMAINS = 'https://res.cdn.office.net';
const CSP = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${TEAMS_JS_DOMAINS}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ${FRAME_ANCESTORS}`;

export interface TabDeps {
  config: Config;
  log: Logger;
  clock: Clock;
  directory: DirectoryRepo;
  links: LinkSigner;
  hub: ChangeHub;
  dashboards: ReadonlyMap<DashboardSectionId, readonly DashboardProvider[]>;
}

export interface Tab {
  routes(server: restify.Server): void;
  /** The signed-link download of an export (registered with the other downloads). */
  download(params: Record<string, string>): Promise<Download | undefined>;
  views: DashboardViews;
  /** Ends the open live streams (at shutdown). */
  stop(): void;
}

type Key = Parameters<typeof t<'dashboard'>>[2];
const SECTION_TITLE: Record<DashboardSectionId, Key> = {
  meetings: 'sectionMeetings',
  dissemination: 'sectionDissemination',
  cases: 'sectionCases',
  year: 'sectionYear',
};
const REFUSAL_TEXT: Record<Refusal['reason'] | 'forbidden' | 'unavailable', Key> = {
  signIn: 'errorSignIn',
  devUser: 'devHint',
  notInDirectory: 'errorNotInDirectory',
  forbidden: 'errorForbidden',
  unavailable: 'errorUnavailable',
};

const exportRequest = z.object({
  section: z.enum(DASHBOARD_SECTIONS),
  table: z.string().min(1).max(120).regex(/^[A-Za-z0-9:_-]+$/),
  format: z.enum(['csv', 'xlsx']),
});

function query(req: restify.Request, name: string): string | undefined {
  const value = new URL(req.url ?? '/', 'http://tab.invalid').searchParams.get(name);
  return value !== null && value.length <= 200 ? value : undefined;
}

function securityHeaders(res: restify.Response): void {
  res.setHeader('content-security-policy', CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}

function sendJson(res: restify.Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  securityHeaders(res);
  res.setHeader('cache-control', 'no-store');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function sendAsset(req: restify.Request, res: restify.Response, asset: Asset): void {
  securityHeaders(res);
  res.setHeader('content-type', asset.contentType);
  res.setHeader('etag', asset.etag);
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('vary', 'accept-encoding');
  if (req.header('if-none-match') === asset.etag) {
    res.status(304);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
  if (gzip) res.setHeader('content-encoding', 'gzip');
  res.status(200);
  res.end(gzip ? asset.gzip : asset.body);
}

/** The tab at /tab/: the page, its files, the sections as HTML, live changes, and exports. */
export function createTab(deps: TabDeps): Tab {
  const assets = loadAssets();
  const validator =
    deps.config.auth.enabled && deps.config.tab
      ? new TabTokenValidator({ ...deps.config.tab, allowedTenantIds: deps.config.allowedTenantIds })
      : undefined;
  if (deps.config.auth.enabled && !deps.config.tab) {
    deps.log.warn('tab: no app registration for single sign-on (set TAB_CLIENT_ID); the tab refuses every request');
  }
  const viewerDeps: ViewerDeps = { config: deps.config, directory: deps.directory, log: deps.log, validator };
  const views = new DashboardViews(deps.dashboards, deps, deps.hub);
  const streams = new Set<restify.Response>();

  const who = (req: restify.Request) =>
    identify({ authorization: req.header('authorization'), user: query(req, 'user'), lang: query(req, 'lang') }, viewerDeps);
  const lang = (req: restify.Request): Locale => pickLocale(query(req, 'lang'), deps.config.defaultLocale);
  const refuse = (res: restify.Response, status: number, reason: keyof typeof REFUSAL_TEXT, locale: Locale) =>
    sendJson(res, status, { error: reason, message: t(locale, 'dashboard', REFUSAL_TEXT[reason]) });

  /** Runs `handler` for a known viewer; anyone else gets 401/403 and no data. */
  const asViewer =
    (handler: (req: restify.Request, res: restify.Response, viewer: Viewer) => Promise<void>) =>
    async (req: restify.Request, res: restify.Response): Promise<void> => {
      try {
        const viewer = await who(req);
        if ('status' in viewer) return refuse(res, viewer.status, viewer.reason, lang(req));
        await handler(req, res, viewer);
      } catch (err) {
        deps.log.error({ err: (err as Error).message, path: req.path() }, 'tab: request failed');
        if (!res.headersSent) refuse(res, 503, 'unavailable', lang(req));
      }
    };

  const sectionHtml = async (id: DashboardSectionId, viewer: Viewer): Promise<string | undefined> => {
    const blocks = await views.section(id, viewer.sight, viewer.locale);
    if (!blocks) return undefined;
    const title = t(viewer.locale, 'dashboard', SECTION_TITLE[id]);
    return `<h2 id="section-title">${escapeHtml(title)}</h2>\n${renderSection(id, blocks, viewer.locale)}`;
  };

  const findTable = async (section: DashboardSectionId, tableId: string, viewer: Viewer) => {
    const blocks = await views.section(section, viewer.sight, viewer.locale);
    for (const b of blocks ?? []) if ((b.kind === 'table' || b.kind === 'chart') && b.table.id === tableId) return b.table;
    return undefined;
  };

  return {
    views,
    stop() {
      for (const res of streams) res.end();
      streams.clear();
    },

    async download(params) {
      const parsed = exportRequest.safeParse(params);
      if (!parsed.success || !params.user) return undefined;
      // The person's sight now, not when the link was made.
      const member = await deps.directory.member(params.user);
      if (!member) return undefined;
      const viewer: Viewer = { member, sight: sightOf(member), locale: pickLocale(params.lang, deps.config.defaultLocale) };
      const table = await findTable(parsed.data.section, parsed.data.table, viewer);
      if (!table) return undefined;
      const base = `oversikt-${parsed.data.section}-${table.id}-${isoDate(deps.clock.now())}`.replace(/[^A-Za-z0-9._-]/g, '_');
      return parsed.data.format === 'csv'
        ? { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: tableCsv(table) }
        : { filename: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await tableXlsx(table) };
    },

    routes(server) {
      server.get('/tab', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
        res.setHeader('location', '/tab/');
        res.status(301);
        res.end();
        next();
      });
      server.get('/tab/', (req: restify.Request, res: restify.Response, next: restify.Next) => {
        sendAsset(req, res, assets.page);
        next();
      });
      server.get('/tab/assets/:file', (req: restify.Request, res: restify.Response, next: restify.Next) => {
        const asset = assets.files.get(String((req.params as Record<string, unknown>).file));
        if (asset) sendAsset(req, res, asset);
        else sendJson(res, 404, { error: 'not found' });
        next();
      });

      server.get(
        '/tab/api/me',
        asViewer(async (_req, res, viewer) => {
          const party = (await deps.directory.party(viewer.member.partyId))?.name ?? viewer.member.partyId;
          const l = viewer.locale;
          sendJson(res, 200, {
            locale: l,
            name: viewer.member.name,
            viewer: t(l, 'dashboard', 'viewerLine', { name: viewer.member.name, party }),
            scope: t(l, 'dashboard', viewer.sight.allParties ? 'scopeAll' : 'scopeOwn'),
            sections: views.sectionsFor(viewer.sight).map((id) => ({ id, title: t(l, 'dashboard', SECTION_TITLE[id]) })),
            strings: Object.fromEntries(
              (['appTitle', 'sectionsLabel', 'loading', 'updatedAt', 'liveOn', 'liveOff', 'exportFailed', 'errorUnavailable'] as const).map((k) => [k, t(l, 'dashboard', k)]),
            ),
          });
        }),
      );

      server.get(
        '/tab/api/sections/:id',
        asViewer(async (req, res, viewer) => {
          const id = String((req.params as Record<string, unknown>).id);
          const section = (DASHBOARD_SECTIONS as readonly string[]).includes(id) ? (id as DashboardSectionId) : undefined;
          const html = section ? await sectionHtml(section, viewer) : undefined;
          if (!html) return refuse(res, 403, 'forbidden', viewer.locale);
          const etag = `"${fingerprint(html)}"`;
          if (req.header('if-none-match') === etag) {
            securityHeaders(res);
            res.setHeader('etag', etag);
            res.setHeader('cache-control', 'no-cache');
            res.status(304);
            res.end();
            return;
          }
          sendJson(res, 200, { html }, { etag, 'cache-control': 'no-cache' });
        }),
      );

      server.post(
        '/tab/api/export',
        asViewer(async (req, res, viewer) => {
          const body = await readJson(req);
          const parsed = exportRequest.safeParse(body);
          if (!parsed.success) return sendJson(res, 400, { error: 'bad request', message: t(viewer.locale, 'dashboard', 'exportFailed') });
          const table = await findTable(parsed.data.section, parsed.data.table, viewer);
          if (!table) return refuse(res, 403, 'forbidden', viewer.locale);
          const url = deps.links.url(TAB_EXPORT_DOWNLOAD, { ...parsed.data, user: viewer.member.aadObjectId, lang: viewer.locale }, EXPORT_LINK_TTL_MS);
          sendJson(res, 200, { url });
        }),
      );

      server.get(
        '/tab/api/events',
        asViewer(async (req, res) => {
          if (streams.size >= MAX_STREAMS) return refuse(res, 503, 'unavailable', lang(req));
          securityHeaders(res);
          res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
          res.write(`retry: 3000\nevent: ready\ndata: {"version":${deps.hub.version}}\n\n`);
          streams.add(res);
          const unsubscribe = deps.hub.subscribe((version) => res.write(`event: changed\ndata: {"version":${version}}\n\n`));
          const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
          const end = setTimeout(() => res.end(), STREAM_MAX_MS);
          heartbeat.unref();
          end.unref();
          await new Promise<void>((resolve) => {
            const done = () => {
              clearInterval(heartbeat);
              clearTimeout(end);
              unsubscribe();
              streams.delete(res);
              resolve();
            };
            res.once('close', done);
            res.once('finish', done);
          });
        }),
      );
    },
  };
}

const MAX_EXPORT_BODY = 2_000;

/** A small JSON body, read by hand (the tab's only body; the bot's parsers are for activities). */
async function readJson(req: restify.Request): Promise<unknown> {
  if (!/^application\/json\b/.test(req.header('content-type') ?? '')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_EXPORT_BODY) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
