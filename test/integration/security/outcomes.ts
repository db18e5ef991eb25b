import type { Outcome } from './authorizationMatrix';

const NOT_IN_DIRECTORY = /Du finns inte i katalogen, så jag vet inte vilken organisation du företräder/;
const FORBIDDEN = /Du har inte behörighet att göra det här/;
const ERROR_CARD = /^Det gick inte\n/;
const INTERNAL = /Något gick fel hos mig|Ref: /;

/** What a person reads, classified the way the matrix speaks. */
export function outcomeOf(answer: string, allowedPattern?: RegExp): Outcome | 'error' {
  if (NOT_IN_DIRECTORY.test(answer)) return 'unknown';
  if (FORBIDDEN.test(answer)) return 'forbidden';
  if (ERROR_CARD.test(answer) || INTERNAL.test(answer)) return 'error';
  if (allowedPattern && !allowedPattern.test(answer)) return 'error';
  return 'allowed';
}

/** An answer that is one of the bot's clear error cards (and not an internal error). */
export function isClearRefusal(answer: string): boolean {
  return ERROR_CARD.test(answer) && !INTERNAL.test(answer);
}

export function isInternalError(answer: string): boolean {
  return INTERNAL.test(answer);
}
