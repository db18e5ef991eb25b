import { sightOf, type Sight } from '../kit/permissions';
import type { Config, Locale } from '../config';
import type { DirectoryRepo } from '../directory/directoryRepo';
import type { Member } from '../directory/model';
import { pickLocale } from '../i18n';
import type { Logger } from '../log';
import type { Stored } from '../store/types';
import type { TabTokenValidator } from './tokens';

export interface Viewer {
  member: Stored<Member>;
  sight: Sight;
  locale: Locale;
}

/** Why a request gets no data: no valid sign-in (401), or a person the tab does not serve (403). */
export type Refusal = { status: 401; reason: 'signIn' | 'devUser' } | { status: 403; reason: 'notInDirectory' };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ViewerDeps {
  config: Pick<Config, 'auth' | 'defaultLocale'>;
  directory: Pick<DirectoryRepo, 'member'>;
  log: Logger;
  /** Undefined with authentication off, or when the tab has no app registration to check tokens for. */
  validator: TabTokenValidator | undefined;
}

export interface ViewerRequest {
  authorization: string | undefined;
  /** `?user=`: honoured only with authentication off (a loopback-only development server). */
  user: string | undefined;
  lang: string | undefined;
}

/**
 * Who is asking. With authentication on, only a valid Teams single sign-on token counts and `?user=`
 * is ignored; with it off (the server then listens on loopback only) `?user=<aadObjectId>` names the
 * directory person to show the page as.
 */
export async function identify(req: ViewerRequest, deps: ViewerDeps): Promise<Viewer | Refusal> {
  let aadObjectId: string;
  if (deps.config.auth.enabled) {
    const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(req.authorization ?? '')?.[1];
    if (!bearer || !deps.validator) return { status: 401, reason: 'signIn' };
    const check = await deps.validator.validate(bearer);
    if (!check.ok) {
      deps.log.info({ reason: check.reason.slice(0, 200) }, 'tab: token refused');
      return { status: 401, reason: 'signIn' };
    }
    aadObjectId = check.identity.aadObjectId;
  } else {
    if (!req.user || !GUID.test(req.user)) return { status: 401, reason: 'devUser' };
    aadObjectId = req.user;
  }
  const member = await deps.directory.member(aadObjectId);
  if (!member) return { status: 403, reason: 'notInDirectory' };
  return { member, sight: sightOf(member), locale: pickLocale(req.lang, member.locale ?? deps.config.defaultLocale) };
}
