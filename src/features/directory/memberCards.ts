import type { Reply } from '../../kit/featureApp';
import type { Locale } from '../../config';
import { t } from '../../i18n';
import type { Stored } from '../../store/types';
import type { DirectoryEntry, KnownIds } from '../../directory/directoryFile';
import type { FieldChange } from './importRules';
import type { Body, Member, Party, Role } from '../../directory/model';
import { ROLES } from '../../directory/model';

const ROLE_KEYS = { secretariat: 'roleSecretariat', chair: 'roleChair', preparer: 'rolePreparer', member: 'roleMember' } as const satisfies Record<Role, string>;

export function roleName(role: Role, locale: Locale): string {
  return t(locale, 'core', ROLE_KEYS[role]);
}

export function knownIds(parties: readonly Party[], bodies: readonly Body[]): KnownIds {
  return { partyIds: new Set(parties.map((p) => p.id)), bodyIds: new Set(bodies.map((b) => b.id)) };
}

/** Names of parties and bodies for cards. */
export interface Names {
  party(id: string): string;
  body(id: string): string;
}

export function namesOf(parties: readonly Party[], bodies: readonly Body[]): Names {
  const p = new Map(parties.map((x) => [x.id, x.name]));
  const b = new Map(bodies.map((x) => [x.id, x.name]));
  return { party: (id) => p.get(id) ?? id, body: (id) => b.get(id) ?? id };
}

export interface FormValues {
  aadObjectId: string;
  name: string;
  email: string;
  partyId: string;
  bodies: string[];
  roles: string[];
}

/** The add/change form, filled in; `current` when changing an existing member. */
export function memberForm(
  locale: Locale,
  lists: { parties: readonly Party[]; bodies: readonly Body[] },
  values: Partial<FormValues>,
  current: Stored<Member> | undefined,
  error?: string,
): Reply {
  return {
    card: 'member-form',
    data: {
      isNew: !current,
      title: current ? t(locale, 'directory', 'formTitleEdit', { name: current.name }) : t(locale, 'directory', 'formTitleNew'),
      aadObjectId: values.aadObjectId ?? '',
      version: current?._etag ?? '',
      name: values.name ?? '',
      email: values.email ?? '',
      partyId: values.partyId ?? '',
      bodies: (values.bodies ?? []).join(','),
      roles: (values.roles ?? ['member']).join(','),
      parties: lists.parties.map((p) => ({ title: p.name, value: p.id })),
      bodyChoices: lists.bodies.map((b) => ({ title: b.name, value: b.id })),
      roleChoices: ROLES.map((r) => ({ title: roleName(r, locale), value: r })),
      removeConfirm: current ? t(locale, 'directory', 'formRemoveConfirm', { name: current.name }) : '',
      error: error ?? '',
    },
  };
}

export function valuesOf(member: DirectoryEntry): FormValues {
  return { aadObjectId: member.aadObjectId, name: member.name, email: member.email, partyId: member.partyId, bodies: [...member.bodies], roles: [...member.roles] };
}

/** One member as a line of facts: party, bodies, roles. */
export function memberSummary(member: DirectoryEntry, names: Names, locale: Locale): string {
  const bodies = member.bodies.map((b) => names.body(b)).join(', ') || '–';
  const roles = member.roles.map((r) => roleName(r, locale)).join(', ');
  return `${names.party(member.partyId)} · ${bodies} · ${roles}`;
}

const FIELD_KEYS = {
  aadObjectId: 'fieldAadObjectId',
  name: 'fieldName',
  email: 'fieldEmail',
  partyId: 'fieldPartyId',
  bodies: 'fieldBodies',
  roles: 'fieldRoles',
} as const;

/** A field change in words: "e-post: a@x.se → b@x.se", with party and body names. */
export function describeChange(change: FieldChange, names: Names, locale: Locale): string {
  const show = (value: string): string => {
    if (value === '') return '–';
    if (change.field === 'partyId') return names.party(value);
    if (change.field === 'bodies') return value.split(', ').map((b) => names.body(b)).join(', ');
    if (change.field === 'roles') return value.split(', ').map((r) => roleName(r as Role, locale)).join(', ');
    return value;
  };
  return t(locale, 'directory', 'changeFrom', { field: t(locale, 'directory', FIELD_KEYS[change.field]), from: show(change.from), to: show(change.to) });
}
