import { z } from 'zod';
import type { Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember } from '../../kit/permissions';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import { isoDate } from '../../dates/dates';
import { maskIdentityNumbers } from '../../privacy/identityNumbers';
import { afterCommit } from './afterCommit';
import type { CaseSetting } from './caseContext';
import { loadSetting, moverOf, turnView } from './caseContext';
import type { CaseRepo } from './caseRepo';
import type { FieldErrors, IntakeForm } from './intakeRules';
import { identityNumberFields, validateIntake } from './intakeRules';
import { EMPTY_FORM, formCardData } from './formCards';
import type { Notice } from './caseCards';
import { statusCardData } from './caseCards';
import { newCase } from './newCase';
import type { CaseNotifier } from './notifications';

/** One input as the card sends it: text, or a list from a client that sends multi-selects as arrays. */
const input = (max: number) =>
  z
    .union([z.string(), z.array(z.string()), z.boolean()])
    .optional()
    .transform((v) => (v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v)))
    .pipe(z.string().max(max));

/**
 * `case.submit`: the intake form's fields. Lengths are checked generously here (a tampered card);
 * the form's own limits come back as errors beside the fields. The submitter's party is not a
 * field: it comes from the directory.
 */
export const intakeSchema = z.object({
  title: input(2_000),
  description: input(20_000),
  type: input(100),
  area: input(100),
  perspectives: input(1_000),
  vulnerableGroups: input(10),
  parties: input(2_000),
  wishedDate: input(100),
  links: input(40_000),
  involved: input(2_000),
  principled: input(10),
}) satisfies z.ZodType<IntakeForm, z.ZodTypeDef, unknown>;

type Deps = Pick<AppDeps, 'directory' | 'log'>;

/** The intake form, empty. */
export async function openForm(turn: TurnInfo, deps: Deps): Promise<Reply> {
  requireMember(turn);
  const setting = await loadSetting(deps, turn.now, 'parties');
  return formReply(turn, setting, EMPTY_FORM, {});
}

function formReply(turn: TurnInfo, setting: CaseSetting, form: IntakeForm, errors: FieldErrors, notice?: Notice): Reply {
  const member = requireMember(turn);
  const partyName = setting.names.parties.get(member.partyId) ?? member.partyId;
  return { card: 'case-form', data: formCardData(form, errors, { locale: turn.actor.locale, partyName, parties: setting.parties }, notice) };
}

/**
 * Takes a submitted form: an identity number sends it back masked (nothing stored, nothing of the
 * text logged); an invalid form comes back filled in with the errors; a valid one gets the year's
 * next number, goes to every preparer, and the submitter gets the receipt.
 */
export async function submitCase(turn: TurnInfo, form: IntakeForm, deps: Deps, repo: CaseRepo, notifier: CaseNotifier): Promise<Reply> {
  const member = requireMember(turn);
  const locale = turn.actor.locale;
  const setting = await loadSetting(deps, turn.now, 'parties');

  const refused = identityNumberFields(form);
  if (refused.length > 0) {
    turn.log.info({ fields: refused }, 'case form refused: identity number in free text');
    const mask = t(locale, 'cases', 'maskedNumber');
    const masked: IntakeForm = { ...form };
    for (const field of refused) masked[field] = maskIdentityNumbers(form[field], mask);
    const errors: FieldErrors = Object.fromEntries(refused.map((f) => [f, 'identityNumber']));
    return formReply(turn, setting, masked, errors, { text: t(locale, 'cases', 'formPrivacy'), style: 'attention' });
  }

  const today = isoDate(turn.now);
  const decision = validateIntake(form, { today, partyIds: setting.parties.map((p) => p.id), eleven: setting.eleven });
  if (decision.kind === 'invalid') {
    return formReply(turn, setting, form, decision.errors, { text: t(locale, 'cases', 'formInvalid'), style: 'attention' });
  }

  const year = Number(today.slice(0, 4));
  const submitter = { aadObjectId: member.aadObjectId, name: member.name, partyId: member.partyId };
  const c = await repo.register(year, (caseId, seq) => newCase(decision.intake, submitter, { caseId, year, seq }, turn.now));
  try {
    await repo.create(c);
  } catch (err) {
    // A write whose answer was lost (a timeout) may have landed: then the case exists and its
    // number must not be voided, or the person's second press would file it twice.
    const landed = await repo.read(c.caseId).catch(() => undefined);
    if (!landed) {
      await repo.voidNumber(c.caseId, turn.now.toISOString()).catch((voidErr: unknown) =>
        turn.log.error({ err: voidErr, caseId: c.caseId }, 'case number registered but neither the case nor the void mark was written'),
      );
      throw err;
    }
  }
  turn.log.info({ caseId: c.caseId }, 'case submitted');
  await afterCommit(deps.log, c.caseId, {
    event: () => repo.recordEvent(c.caseId, c.lastEvent),
    preparers: () => notifier.newCase(c, setting, turn.now),
    composition: () => notifier.checkComposition(turn.now),
  });
  const notice = { text: t(locale, 'cases', 'noticeSubmitted', { number: c.caseId }), style: 'good' } as const;
  return { card: 'case-status', data: statusCardData(c, [], moverOf(member), turnView(setting, turn), notice) };
}
