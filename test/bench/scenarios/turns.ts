import { cardAction, message } from '../../support/activities';
import { intakeForm } from '../../support/caseForm';
import type { BenchContext } from '../context';
import { HELP_USERS, helpUser } from '../population';
import type { TurnKind } from './latency';
import { isCardAnswer } from './latency';

/** A round-robin over the help users (their chats go to the plain connector). */
function helpUsers(): () => ReturnType<typeof helpUser>['user'] {
  let n = 0;
  return () => helpUser(n++ % HELP_USERS).user;
}

/** `hjälp` typed in the personal chat: the help card is sent back through the Bot Connector. */
export function helpTurn(ctx: BenchContext): TurnKind {
  const serviceUrl = ctx.plain.serviceUrl;
  const next = helpUsers();
  return {
    name: 'hjälp',
    activity: () => message(next(), { serviceUrl }, 'hjälp'),
    echoActivity: () => message(next(), { serviceUrl }, 'hjälp'),
    writes: false,
  };
}


/** `case.submit`: a member sends the intake form; the receipt with the case number replaces it. */
export function caseSubmitTurn(ctx: BenchContext): TurnKind {
  const serviceUrl = ctx.plain.serviceUrl;
  const next = helpUsers();
  let i = 0;
  return {
    name: 'case.submit',
    activity: () => cardAction(next(), { serviceUrl }, 'case.submit', intakeForm({ title: `Gemensam rutin för SIP vid utskrivning ${i++}` })),
    echoActivity: () => cardAction(next(), { serviceUrl }, 'case.submit', intakeForm({ title: `Gemensam rutin för SIP vid utskrivning ${i++}` })),
    check: (status, body) => isCardAnswer(status, body) && /LV-\d{4}-\d{4,}/.test(body),
    writes: true,
  };
}
