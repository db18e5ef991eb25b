import type { FeatureApp } from '../../kit/featureApp';
import { defineVerbs, verb } from '../../kit/verbs';
import { cardOf, form } from '../../kit/forms';
import { requireRole } from '../../kit/permissions';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import type { ReminderPayload } from './terminationHandlers';
import { correctSchema, NOTICE_ENDED_JOB, NOTICE_REMINDER_JOB, noticeSchema, TerminationHandlers } from './terminationHandlers';
import { TerminationRepo } from './terminationRepo';

/**
 * `uppsägning`/`notice`: the secretariat records a party's notice of termination (docs/domain.md
 * §15); every party is told that the agreement ends for all of them six months later.
 */
export function registerTermination(app: FeatureApp, deps: AppDeps) {
  const handlers = new TerminationHandlers(deps, new TerminationRepo(deps.store.containers.directory));

  app.command(
    {
      names: ['uppsägning', 'uppsagning', 'notice', 'termination'],
      display: { sv: 'uppsägning', en: 'notice' },
      description: { sv: t('sv', 'termination', 'commandNotice'), en: t('en', 'termination', 'commandNotice') },
      roles: ['secretariat'],
    },
    (turn) => handlers.command(turn),
  );
  deps.scheduler.handle<ReminderPayload>(NOTICE_REMINDER_JOB, (payload) => handlers.reminder(payload));
  deps.scheduler.handle<{ noticeId: string }>(NOTICE_ENDED_JOB, (payload) => handlers.ended(payload));
  // A notice recorded before the end-date job existed gets it at start.
  app.startup(() => handlers.scheduleEnd());

  // A refused notice comes back in its form, the values kept, the problem beside its field.
  const noticeForm = form('termination-form', async (turn) => {
    requireRole(turn, 'secretariat');
    return cardOf(await handlers.formReply(turn, ''));
  });

  const correctionForm = form('termination-status', async (turn) => cardOf(await handlers.correctionForm(turn)));

  return defineVerbs({
    'notice.preview': verb(noticeSchema, (turn, data) => handlers.preview(turn, data), { form: noticeForm }),
    'notice.confirm': verb(noticeSchema, (turn, data) => handlers.confirm(turn, data), { form: noticeForm, once: true }),
    'notice.correct': verb(correctSchema, (turn, data) => handlers.correct(turn, data), { form: correctionForm }),
    // Status cards posted before corrections replaced withdrawal carry this verb: the same rule applies.
    'notice.withdraw': verb(correctSchema, (turn, data) => handlers.correct(turn, data)),
  });
}
