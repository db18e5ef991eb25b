import { AppError } from '../errors';
import type { Reply, TurnInfo } from './featureApp';

/**
 * Forms: a verb whose card collects input declares its form once, in its feature's verb map
 * (`verb(schema, handler, { form, once })`). The bot then answers every refusal of a submit (the
 * schema's, the handler's `FieldError`, an identity number, a text too large for Teams, a missing
 * permission) with the same form, the person's values kept and the problem beside its field, and a
 * form that creates or sends something (`once`) with its first result however often it is pressed.
 */

/** What a form's inputs sent, as text (a list joined with commas, a toggle as "true"/"false"). */
export type FormValues = Readonly<Record<string, string>>;

/**
 * The problems the kit words for every form, in the person's language (src/i18n/forms.ts). A
 * schema names one by using it as an issue's message (`z.string().min(1, 'required')`, a custom
 * issue with `message: 'notADate'`); otherwise the kit derives it from the kind.
 */
export const PROBLEM_KINDS = [
  'required',
  'tooLong',
  'tooShort',
  'tooMany',
  'notADate',
  'notATime',
  'dateInPast',
  'endBeforeStart',
  'notAnOption',
  'notAnAddress',
  'notANumber',
  'notAWholeNumber',
  'identityNumber',
  'tooLargeForTeams',
  'unreadable',
  'invalid',
] as const;

export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export function isProblemKind(value: unknown): value is ProblemKind {
  return typeof value === 'string' && (PROBLEM_KINDS as readonly string[]).includes(value);
}

/** A field's problem: one the kit words, with its values, or a sentence the feature wrote in the person's language. */
export type FieldProblem = ProblemKind | { kind: ProblemKind; values?: Record<string, string | number> } | { text: string };

/**
 * A handler's refusal that concerns fields of its form: `throw new FieldError({ dueDate: 'dateInPast' })`.
 * Nothing may have been written before it is thrown. Keys are the form's input ids.
 */
export class FieldError extends AppError {
  constructor(public readonly problems: Readonly<Record<string, FieldProblem>>) {
    super('BAD_REQUEST', { field: Object.keys(problems), detail: '', message: `refused fields: ${Object.keys(problems).join(', ')}` });
    this.name = 'FieldError';
  }
}

/** A card reply: what a form is shown with. */
export type CardReply = Extract<Reply, { card: string }>;

/**
 * A refusal the feature words itself, about the whole request rather than one field ("The meeting
 * has not begun yet"): said above the form on a form, on the error card otherwise. Nothing may have
 * been written before it is thrown.
 */
export class Refused extends AppError {
  constructor(public readonly text: string) {
    super('BAD_REQUEST', { detail: text, message: 'refused' });
    this.name = 'Refused';
  }
}

/** A form: the templates that show it and how it is shown for given values. */
export interface FormDef {
  /** The templates (`cards/<card>.json`) the form is shown with, the first time and after a refusal. */
  readonly cards: readonly string[];
  /**
   * The form as it is shown for these values: what was submitted (its inputs and its action's
   * data, e.g. the meeting id). The kit puts every submitted value back into its input and every
   * problem beside it, so this only builds what the template shows around them; it is usually the
   * function that opens the form.
   */
  readonly show: (turn: TurnInfo, values: FormValues) => Promise<CardReply> | CardReply;
  /**
   * Issue paths that are not an input's id, mapped to the input the problem is shown beside (the
   * contract's `startsAt` to the form's `startTime`).
   */
  readonly fieldOf?: Readonly<Record<string, string>>;
}

/** A form of the feature's verb map: `form('meeting-create', (turn, values) => openForm(…))`. */
export function form(card: string | readonly string[], show: FormDef['show'], fieldOf?: FormDef['fieldOf']): FormDef {
  return { cards: typeof card === 'string' ? [card] : card, show, ...(fieldOf ? { fieldOf } : {}) };
}

/** The card reply of a function that opens a form (which answers with a card, never text). */
export function cardOf(reply: Reply): CardReply {
  if (!('card' in reply)) throw new AppError('INTERNAL', { message: 'a form opened as text' });
  return reply;
}

/** Data fields the kit reads, not the feature: the form instance id of a `once` form. */
export const FORM_ID_FIELD = 'formId';

/**
 * A form instance id: made when the form card is rendered, carried in its action's data. It starts
 * with the day it was made, so its once-only record is kept in that day's partition and swept with it.
 */
export const FORM_ID_PATTERN = /^f(\d{8})[0-9a-f]{16}$/;

/** Days a form instance's once-only record is kept (it holds the first result, which may name people). */
export const FORM_ONCE_RETENTION_DAYS = 30;

/** The partition (of the inbox container) that keeps the once-only records of forms made on `day` (YYYY-MM-DD). */
export function formOncePartition(day: string): string {
  return `form-${day}`;
}

/**
 * A refusal written as a clause for the error card ("ange ett datum") as a sentence beside a
 * field ("Ange ett datum."): `new FieldError({ noticeDate: beside(t(locale, 'termination', 'future')) })`.
 */
export function beside(clause: string): FieldProblem {
  const text = clause.trim();
  return { text: `${text.charAt(0).toLocaleUpperCase('sv')}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}` };
}
