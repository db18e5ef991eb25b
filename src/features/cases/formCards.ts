import type { Locale } from '../../config';
import { t } from '../../i18n';
import type { FieldError, FieldErrors, IntakeForm } from './intakeRules';
import { FORM_FIELDS, LIMITS } from './intakeRules';
import type { CasesKey } from './labels';
import { areaLabel, perspectiveLabel, typeLabel } from './labels';
import { AREAS, CASE_TYPES, PERSPECTIVES } from './model';
import type { Notice } from './caseCards';

const ERROR_KEYS: Record<FieldError, CasesKey> = {
  required: 'errRequired',
  tooLong: 'errTooLong',
  unknownChoice: 'errUnknownChoice',
  badDate: 'errBadDate',
  dateInPast: 'errDateInPast',
  badLink: 'errBadLink',
  tooManyLinks: 'errTooManyLinks',
  disputeNeedsParties: 'errDisputeNeedsParties',
  identityNumber: 'errIdentityNumber',
};

const MAX: Partial<Record<keyof IntakeForm, number>> = {
  title: LIMITS.title,
  description: LIMITS.description,
  links: LIMITS.links,
};

export const EMPTY_FORM: IntakeForm = Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as unknown as IntakeForm;

export interface FormContext {
  locale: Locale;
  /** The submitter's party, from the directory. */
  partyName: string;
  parties: readonly { id: string; name: string; isParty: boolean }[];
}

/** The intake form, filled in with `form`, each error beside its field. */
export function formCardData(form: IntakeForm, errors: FieldErrors, ctx: FormContext, notice?: Notice): object {
  const { locale } = ctx;
  const errorTexts = Object.fromEntries(
    FORM_FIELDS.map((f) => {
      const error = errors[f];
      return [f, error ? t(locale, 'cases', ERROR_KEYS[error], { max: MAX[f] ?? '' }) : ''];
    }),
  );
  return {
    partyLine: t(locale, 'cases', 'formParty', { party: ctx.partyName }),
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    form: { ...form, principled: form.principled === 'true' ? 'true' : 'false', vulnerableGroups: form.vulnerableGroups === 'true' ? 'true' : 'false' },
    errors: errorTexts,
    types: CASE_TYPES.map((value) => ({ title: typeLabel(locale, value), value })),
    areas: AREAS.map((value) => ({ title: areaLabel(locale, value), value })),
    perspectives: PERSPECTIVES.map((value) => ({ title: perspectiveLabel(locale, value), value })),
    parties: ctx.parties.map((p) => ({ title: p.name, value: p.id })),
    eleven: ctx.parties.filter((p) => p.isParty).map((p) => ({ title: p.name, value: p.id })),
  };
}
