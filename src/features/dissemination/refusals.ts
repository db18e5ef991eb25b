import type { Locale } from '../../config';
import { AppError } from '../../errors';
import { t } from '../../i18n';
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

/** The clear card for a refused request (the handler has written nothing). */
export function refusalError(refusal: Refusal | RemissRefusal, locale: Locale): AppError {
  switch (refusal.kind) {
    case 'forbidden':
      return new AppError('FORBIDDEN', { message: refusal.reason });
    case 'bad':
      return new AppError('BAD_REQUEST', { message: refusal.reason, detail: t(locale, 'dissemination', BAD_KEYS[refusal.reason]) });
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
