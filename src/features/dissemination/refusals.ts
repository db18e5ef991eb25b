import type { Locale } from '../../config';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { FieldError, type ProblemKind } from '../../kit/forms';
import type { Refusal } from './broadcastRules';
import type { RemissRefusal } from './remissRules';

const BAD_KEYS = {
  unknownParty: 'badUnknownParty',
  unknownBody: 'badUnknownBody',
  orgChangeAudience: 'badOrgChangeAudience',
  sendAtPast: 'badSendAtPast',
  noRecipients: 'badNoRecipients',
  noAckNeeded: 'badNoAckNeeded',
  notSent: 'badNotSent',
  duePast: 'badDuePast',
  answerEmpty: 'answerEmpty',
  reasonEmpty: 'reasonEmpty',
} as const;

type BadReason = keyof typeof BAD_KEYS;

/**
 * The form fields a bad request concerns (the compose forms' `audience`, the remiss form's
 * `parties`: a refusal names both and is shown beside the one its form has), and the kit's word
 * for it where the kit has one.
 */
const BAD_FIELDS: Partial<Record<BadReason, { fields: string[]; problem?: ProblemKind; says?: 'remissAnswerRequired' | 'remissReasonRequired' }>> = {
  unknownParty: { fields: ['audience', 'parties'] },
  unknownBody: { fields: ['audienceBody'], problem: 'notAnOption' },
  orgChangeAudience: { fields: ['audience'] },
  sendAtPast: { fields: ['sendDate'], problem: 'dateInPast' },
  noRecipients: { fields: ['audience', 'parties'] },
  duePast: { fields: ['dueDate'], problem: 'dateInPast' },
  answerEmpty: { fields: ['answer'], says: 'remissAnswerRequired' },
  reasonEmpty: { fields: ['reason'], says: 'remissReasonRequired' },
};

/** "svarsdatumet har redan passerat" → "Svarsdatumet har redan passerat.": a fragment as a sentence of its own. */
function sentence(fragment: string): string {
  const text = fragment.charAt(0).toUpperCase() + fragment.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The refusal of a request (the handler has written nothing): a bad value beside the form field it
 * concerns, anything else as the clear card (or, on a form, above it).
 */
export function refusalError(refusal: Refusal | RemissRefusal, locale: Locale): AppError {
  switch (refusal.kind) {
    case 'forbidden':
      return new AppError('FORBIDDEN', { message: refusal.reason });
    case 'bad': {
      const detail = t(locale, 'dissemination', BAD_KEYS[refusal.reason]);
      const at = BAD_FIELDS[refusal.reason];
      if (!at) return new AppError('BAD_REQUEST', { message: refusal.reason, detail });
      const problem = at.problem ?? { text: at.says ? t(locale, 'dissemination', at.says) : sentence(detail) };
      return new FieldError(Object.fromEntries(at.fields.map((f) => [f, problem])));
    }
    case 'conflict':
      return new AppError('CONFLICT', {
        message: refusal.reason,
        detail: t(locale, 'dissemination', refusal.reason === 'alreadySent' ? 'alreadySent' : 'cancelledText'),
      });
    case 'stale':
      return new AppError('STALE');
    case 'closed':
      return new AppError('CONFLICT', { message: 'closed', detail: t(locale, 'dissemination', 'remissDeadlinePassed') });
  }
}
