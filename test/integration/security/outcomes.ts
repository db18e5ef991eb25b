import type { Outcome } from './authorizationMatrix';

const NOT_IN_DIRECTORY = /Du finns inte i katalogen, så jag vet inte vilken organisation du företräder/;
const FORBIDDEN = /Du har inte behörighet att göra det här/;
const ERROR_CARD = /^Det gick inte\n/;
const INTERNAL = /Något gick fel hos mig|Ref: /;

/** What a person reads, classified the way the matrix speaks; `refusal` is the verb's own way of saying "not you". */
export function outcomeOf(answer: string, allowedPattern?: RegExp, refusal?: RegExp): Outcome | 'error' {
  if (NOT_IN_DIRECTORY.test(answer)) return 'unknown';
  if (FORBIDDEN.test(answer) || refusal?.test(answer)) return 'forbidden';
  if (ERROR_CARD.test(answer) || INTERNAL.test(answer)) return 'error';
  if (allowedPattern && !allowedPattern.test(answer)) return 'error';
  return 'allowed';
}

const NOTHING_SAVED = /Inget har sparats/;

/**
 * An answer that turns the input down in words (and is not an internal error): one of the bot's
 * error cards, anything that says nothing was saved, or the verb's own way (a form shown again).
 */
export function isClearRefusal(answer: string, rejection?: RegExp): boolean {
  if (INTERNAL.test(answer)) return false;
  return ERROR_CARD.test(answer) || NOTHING_SAVED.test(answer) || (rejection?.test(answer) ?? false);
}

export function isInternalError(answer: string): boolean {
  return INTERNAL.test(answer);
}
