import { containsIdentityNumber } from '../../privacy/identityNumbers';
import { routeDispute } from './disputeRules';
import type { Area, CaseType, Intake, Perspective } from './model';
import { AREAS, CASE_TYPES, PERSPECTIVES } from './model';

/** The intake form as it arrives from the card: every input is text (multi-selects comma-separated). */
export interface IntakeForm {
  title: string;
  description: string;
  type: string;
  area: string;
  perspectives: string;
  vulnerableGroups: string;
  parties: string;
  wishedDate: string;
  links: string;
  involved: string;
  principled: string;
}

export const FORM_FIELDS = [
  'title',
  'description',
  'type',
  'area',
  'perspectives',
  'vulnerableGroups',
  'parties',
  'wishedDate',
  'links',
  'involved',
  'principled',
] as const satisfies readonly (keyof IntakeForm)[];

/** The free-text fields, checked for identity numbers before anything else. */
export const FREE_TEXT_FIELDS = ['title', 'description', 'links'] as const satisfies readonly (keyof IntakeForm)[];

export type FieldError =
  | 'required'
  | 'tooLong'
  | 'unknownChoice'
  | 'badDate'
  | 'dateInPast'
  | 'badLink'
  | 'tooManyLinks'
  | 'disputeNeedsParties'
  | 'identityNumber';

export type FieldErrors = Partial<Record<keyof IntakeForm, FieldError>>;

export const LIMITS = { title: 200, description: 4000, link: 2000, links: 10 } as const;

export interface IntakeContext {
  /** Today in Swedish local time, `YYYY-MM-DD`. */
  today: string;
  /** Every party of the directory (parties concerned). */
  partyIds: readonly string[];
  /** The eleven parties (a dispute is between some of them). */
  eleven: readonly string[];
}

export type IntakeDecision = { kind: 'valid'; intake: Intake } | { kind: 'invalid'; errors: FieldErrors };

/** The free-text fields that hold a personnummer or samordningsnummer. */
export function identityNumberFields(form: IntakeForm): (keyof IntakeForm)[] {
  return FREE_TEXT_FIELDS.filter((f) => containsIdentityNumber(form[f]));
}

/** Splits a multi-select value ("a,b") into distinct ids. */
export function splitChoices(value: string): string[] {
  return [...new Set(value.split(',').map((v) => v.trim()).filter((v) => v.length > 0))];
}

/** Links: one per line (or separated by spaces or commas). */
export function splitLinks(value: string): string[] {
  return value.split(/[\s,]+/).filter((v) => v.length > 0);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

/**
 * Checks the intake form as the card does (required fields) and more (known choices, a date that
 * has not passed, web links, a dispute that can be routed). Every field's first problem is
 * reported, so the form can come back with each error beside its field.
 */
export function validateIntake(form: IntakeForm, context: IntakeContext): IntakeDecision {
  const errors: FieldErrors = {};
  const title = form.title.trim();
  const description = form.description.trim();
  if (!title) errors.title = 'required';
  else if (title.length > LIMITS.title) errors.title = 'tooLong';
  if (!description) errors.description = 'required';
  else if (description.length > LIMITS.description) errors.description = 'tooLong';

  const type = form.type.trim();
  if (!type) errors.type = 'required';
  else if (!oneOf<CaseType>(type, CASE_TYPES)) errors.type = 'unknownChoice';
  const area = form.area.trim();
  if (!area) errors.area = 'required';
  else if (!oneOf<Area>(area, AREAS)) errors.area = 'unknownChoice';

  const perspectives = splitChoices(form.perspectives);
  if (!perspectives.every((p) => oneOf<Perspective>(p, PERSPECTIVES))) errors.perspectives = 'unknownChoice';
  const parties = splitChoices(form.parties);
  if (!parties.every((p) => context.partyIds.includes(p))) errors.parties = 'unknownChoice';

  const wishedDate = form.wishedDate.trim();
  if (wishedDate && !isCalendarDate(wishedDate)) errors.wishedDate = 'badDate';
  else if (wishedDate && wishedDate < context.today) errors.wishedDate = 'dateInPast';

  const links = splitLinks(form.links);
  if (links.length > LIMITS.links) errors.links = 'tooManyLinks';
  else if (!links.every((l) => l.length <= LIMITS.link && isHttpUrl(l))) errors.links = 'badLink';

  const involved = splitChoices(form.involved);
  const principled = form.principled === 'true';
  if (type === 'dispute') {
    if (!involved.every((p) => context.eleven.includes(p))) errors.involved = 'unknownChoice';
    else if (routeDispute({ involved, principled }, context.eleven).kind === 'rejected') errors.involved = 'disputeNeedsParties';
  }

  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  return {
    kind: 'valid',
    intake: {
      title,
      description,
      caseType: type as CaseType,
      area: area as Area,
      perspectives: perspectives as Perspective[],
      vulnerableGroups: form.vulnerableGroups === 'true',
      parties,
      wishedDate: wishedDate || null,
      links,
      dispute: type === 'dispute' ? { involved, principled } : null,
    },
  };
}
