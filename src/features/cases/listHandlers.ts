import type { Download, Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember, requireSight } from '../../kit/permissions';
import type { AppDeps } from '../../deps';
import { pickLocale } from '../../i18n';
import { loadSetting } from './caseContext';
import type { CaseRepo } from './caseRepo';
import { casesCsv, csvFilename } from './casesCsv';
import { myCasesData, queueData } from './listCards';
import { OPEN_STATES } from './model';

export const CSV_DOWNLOAD = 'cases-csv';
/** How long an export link works. */
const EXPORT_LINK_TTL_MS = 15 * 60 * 1000;

type Deps = Pick<AppDeps, 'directory' | 'links' | 'clock' | 'config'>;

/** `mina ärenden`: the member's own cases, newest first. */
export async function myCases(turn: TurnInfo, deps: Deps, repo: CaseRepo): Promise<Reply> {
  const member = requireMember(turn);
  const [summaries, setting] = await Promise.all([
    repo.summaries('c.submitterId = @me', { me: member.aadObjectId }, 'c.createdAt DESC'),
    loadSetting(deps, turn.now),
  ]);
  return { card: 'case-list', data: myCasesData(summaries, turn.now, turn.actor.locale, setting.names) };
}

/** `ärenden`: open cases by state and age, for the beredningsorgan and the secretariat, with the CSV link. */
export async function openCases(turn: TurnInfo, deps: Deps, repo: CaseRepo): Promise<Reply> {
  requireSight(turn, 'caseQueue');
  const states = OPEN_STATES.map((s) => `'${s}'`).join(', ');
  const [summaries, setting] = await Promise.all([repo.summaries(`c.state IN (${states})`, {}), loadSetting(deps, turn.now)]);
  const exportUrl = deps.links.url(CSV_DOWNLOAD, { locale: turn.actor.locale }, EXPORT_LINK_TTL_MS, turn.actor.aadObjectId);
  return { card: 'case-list', data: queueData(summaries, turn.now, turn.actor.locale, setting.names, exportUrl) };
}

/** The CSV behind the signed link: every case of the register. */
export async function exportCases(params: Record<string, string>, deps: Deps, repo: CaseRepo): Promise<Download> {
  const locale = pickLocale(params.locale, deps.config.defaultLocale);
  const now = deps.clock.now();
  const [summaries, setting] = await Promise.all([repo.summaries('', {}), loadSetting(deps, now)]);
  return { filename: csvFilename(now, locale), contentType: 'text/csv; charset=utf-8', body: casesCsv(summaries, locale, setting.names) };
}
