import type { ZodIssue } from 'zod';
import type { Locale } from '../config';
import { inputsOfTemplate } from '../cards/renderCard';
import { AppError, toAppError } from '../errors';
import { t } from '../i18n';
import type { Reply, TurnInfo } from '../kit/featureApp';
import { FORM_ID_FIELD, FieldError, Refused, isProblemKind, type FieldProblem, type FormDef, type ProblemKind } from '../kit/forms';
import { containsIdentityNumber, maskIdentityNumbers } from '../privacy/identityNumbers';
import { errorReply, ERROR_TABLE } from './errorReply';

/** A refusal of a form's submit, before it is worded: problems by field, and ones about the whole form. */
export interface Refusal {
  problems: Record<string, FieldProblem>;
  general: string[];
}

/** What the card sent, as the text its inputs hold (a list joined with commas, a toggle as "true"/"false"). */
export function valuesOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = value.join(',');
  }
  return out;
}

/** The problem a schema issue stands for: the schema's own word for it, or one read from the issue's kind. */
function problemOfIssue(issue: ZodIssue, value: string | undefined): FieldProblem {
  if (isProblemKind(issue.message)) {
    const params = issue.code === 'custom' ? (issue.params) : undefined;
    return params ? { kind: issue.message, values: params } : issue.message;
  }
  const empty = value === undefined || value.trim() === '';
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' || issue.received === 'null' ? 'required' : 'invalid';
    case 'too_small':
      if (issue.type === 'string') return empty || issue.minimum === 1 ? 'required' : { kind: 'tooShort', values: { min: Number(issue.minimum) } };
      if (issue.type === 'array') return 'required';
      return 'invalid';
    case 'too_big':
      if (issue.type === 'string') return { kind: 'tooLong', values: { max: Number(issue.maximum), length: value?.length ?? 0 } };
      if (issue.type === 'array') return { kind: 'tooMany', values: { max: Number(issue.maximum) } };
      return 'invalid';
    case 'invalid_enum_value':
    case 'invalid_literal':
      return empty ? 'required' : 'notAnOption';
    case 'invalid_string':
      if (empty) return 'required';
      return issue.validation === 'url' ? 'notAnAddress' : issue.validation === 'datetime' || issue.validation === 'date' ? 'notADate' : 'invalid';
    case 'invalid_date':
      return 'notADate';
    case 'not_finite':
      return 'notANumber';
    case 'invalid_union':
      return empty ? 'required' : 'invalid';
    default:
      return 'invalid';
  }
}

/** The schema's issues as problems by field (the first issue of a field wins). */
export function refusalOfIssues(issues: readonly ZodIssue[], raw: Record<string, string>, fieldOf: FormDef['fieldOf'] = {}): Refusal {
  const problems: Record<string, FieldProblem> = {};
  for (const issue of issues) {
    const head = issue.path[0];
    const path = typeof head === 'string' ? head : '';
    const field = fieldOf[path] ?? path;
    if (field in problems) continue;
    problems[field || '?'] = problemOfIssue(issue, raw[path]);
  }
  return { problems, general: [] };
}

/**
 * A handler's refusal as problems: a FieldError's own, an identity number or an oversized text
 * beside the field it was found in, any other refusal above the form (a missing permission, a
 * card that is no longer current), so that no error card ever takes the form's place.
 */
export function refusalOfError(err: AppError, locale: Locale, reference?: string): Refusal {
  if (err instanceof FieldError) return { problems: { ...err.problems }, general: [] };
  if (err instanceof Refused) return { problems: {}, general: [err.text] };
  const message = t(locale, 'core', ERROR_TABLE[err.code].message, { detail: err.detail ?? '', ...err.values });
  if (err.fields.length === 0) return { problems: {}, general: [reference ? `${message} (Ref: ${reference})` : message] };
  const problem = (): FieldProblem => {
    if (err.code === 'PRIVACY') return 'identityNumber';
    if (err.code === 'TOO_LARGE') return { kind: 'tooLargeForTeams', values: { ...err.values } };
    // Beside a field, the reason itself ("Choose a date to come"), not the card-level sentence around it.
    return { text: err.detail || message };
  };
  return { problems: Object.fromEntries(err.fields.map((f) => [f, problem()])), general: [] };
}

/** About how many characters of `text` make up `bytes` bytes, rounded up to two significant digits. */
export function charactersFor(bytes: number, text: string): number {
  const ratio = text.length > 0 ? Buffer.byteLength(text, 'utf8') / text.length : 1;
  const chars = Math.max(1, Math.ceil(bytes / ratio));
  const scale = 10 ** Math.max(0, String(chars).length - 2);
  return Math.ceil(chars / scale) * scale;
}

function wordProblem(locale: Locale, problem: FieldProblem, value: string | undefined): string {
  if (typeof problem === 'object' && 'text' in problem) return problem.text;
  const kind: ProblemKind = typeof problem === 'string' ? problem : problem.kind;
  const values = typeof problem === 'string' ? {} : (problem.values ?? {});
  if (kind === 'tooLargeForTeams') {
    // `over` is in bytes (sizeForPeople); an older refusal gives the size and the limit in bytes.
    const over = values.over !== undefined ? Number(values.over) : Number(values.size ?? 0) - Number(values.limit ?? 0);
    return t(locale, 'forms', kind, { over: charactersFor(Math.max(over, 1), value ?? '') });
  }
  // Counts go in as numbers: the plural rules of the string write them the locale's way.
  return t(locale, 'forms', kind, values);
}

/** Whether a submitted field can be an input of the form (any field, when a template names its inputs from data). */
function typedFields(form: FormDef): (field: string) => boolean {
  const inputs = form.cards.map(inputsOfTemplate);
  if (inputs.some((i) => i.anyId)) return () => true;
  return (field) => inputs.some((i) => i.ids.has(field));
}

/**
 * The form again for a refused submit: the template the form is declared with, every value the
 * person sent back in its input (an identity number masked out of its text), each problem beside
 * its field and a summary above. Falls back to the error card if the form itself cannot be built.
 */
export async function refusedForm(turn: TurnInfo, form: FormDef, raw: Record<string, string>, refusal: Refusal): Promise<Reply> {
  const locale = turn.actor.locale;
  // No identity number goes back into the card (the answer is kept as the turn's record): any
  // value holding one is masked, and said so beside it when the person typed it, whatever else
  // the refusal was about. The card's own data (a meeting id such as m-2026-12-08-3242…, whose digits can pass for a
  // number) is no one's number: the form is shown for it as sent, and no problem is said beside it.
  const found: Record<string, FieldProblem> = { ...refusal.problems };
  const values: Record<string, string> = { ...raw };
  const shownFor: Record<string, string> = { ...raw };
  const typed = typedFields(form);
  for (const [field, value] of Object.entries(raw)) {
    if (field === FORM_ID_FIELD || !containsIdentityNumber(value)) continue;
    const masked = maskIdentityNumbers(value, t(locale, 'forms', 'maskedNumber'));
    values[field] = containsIdentityNumber(masked) ? '' : masked;
    if (!typed(field)) continue;
    shownFor[field] = values[field];
    found[field] ??= 'identityNumber';
  }
  const problems = Object.fromEntries(Object.entries(found).map(([field, p]) => [field, wordProblem(locale, p, raw[field])]));
  const standalone = Object.entries(found).filter(([, p]) => typeof p === 'object' && 'text' in p).map(([field]) => field);
  try {
    const shown = await form.show(turn, shownFor);
    return {
      card: shown.card,
      data: shown.data,
      fill: {
        values,
        problems,
        standalone,
        summary: t(locale, 'forms', 'summary'),
        summaryUnmarked: t(locale, 'forms', 'summaryUnmarked'),
        general: refusal.general,
      },
    };
  } catch (err) {
    // The form is gone (its meeting deleted, the person no longer allowed): that is the answer.
    const shown = toAppError(err);
    turn.log.info({ code: shown.code, err: shown.code === 'INTERNAL' ? err : undefined }, 'form could not be shown again');
    if (shown.code === 'UNAVAILABLE') throw shown;
    return plainErrorReply(shown, locale, shown.code === 'INTERNAL' ? turn.reference : undefined);
  }
}

/**
 * The clear card for a refusal of a verb that is no form: a FieldError's problems in words (a
 * handler may refuse a field of a card that only carries values, such as a button's).
 */
export function plainErrorReply(err: AppError, locale: Locale, reference?: string): Reply {
  if (err instanceof Refused) return { card: 'error', data: { message: err.text } };
  if (!(err instanceof FieldError)) return errorReply(err, locale, reference);
  const detail = Object.values(err.problems).map((p) => wordProblem(locale, p, undefined)).join(' ');
  return errorReply(new AppError('BAD_REQUEST', { detail: detail.replace(/\.$/, '') }), locale);
}

/** The submitted values without the kit's own fields. */
export function featureData(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !(FORM_ID_FIELD in raw)) return raw;
  const { [FORM_ID_FIELD]: _formId, ...rest } = raw as Record<string, unknown>;
  return rest;
}
