import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import type { DirectoryEntry } from '../../directory/directoryFile';
import type { RosterMember } from '../../directory/model';

export interface RosterComparison {
  /** In the team, not in the directory at all. */
  onlyInTeam: RosterMember[];
  /** In the team, but listed for another party. */
  otherParty: { roster: RosterMember; member: DirectoryEntry }[];
  /** Listed for the party, not in its team. */
  onlyInDirectory: DirectoryEntry[];
  /** In both, with another name or e-mail in Teams. */
  different: { roster: RosterMember; member: DirectoryEntry }[];
}

/** How a party's team roster and the directory's entries for that party differ (by aadObjectId). */
export function compareRoster(roster: readonly RosterMember[], members: readonly DirectoryEntry[], partyId: string): RosterComparison {
  const byId = new Map(members.map((m) => [m.aadObjectId, m]));
  const inTeam = new Set(roster.map((r) => r.aadObjectId));
  const out: RosterComparison = { onlyInTeam: [], otherParty: [], onlyInDirectory: [], different: [] };
  for (const person of roster) {
    const member = byId.get(person.aadObjectId);
    if (!member) out.onlyInTeam.push(person);
    else if (member.partyId !== partyId) out.otherParty.push({ roster: person, member });
    else if ((person.name && person.name !== member.name) || (person.email && person.email !== member.email)) out.different.push({ roster: person, member });
  }
  out.onlyInDirectory = members.filter((m) => m.partyId === partyId && !inTeam.has(m.aadObjectId));
  return out;
}

const rosterSchema = z.object({ partyId: z.string().max(100).default('') }).passthrough();

/** Compares the team of a party (the team of its linked channel) with the directory. */
export function registerRosterSync(app: FeatureApp, deps: AppDeps) {
  async function roster(turn: TurnInfo, partyId: string | undefined): Promise<Reply> {
    requireRole(turn, 'secretariat');
    const locale = turn.actor.locale;
    const parties = await deps.directory.parties();
    const party = partyId ? parties.find((p) => p.id === partyId) : parties.find((p) => p.channel && p.channel === turn.conversation.key);
    if (!party) return { text: t(locale, 'directory', 'rosterChooseParty') };
    const conversation = party.channel ? await deps.directory.conversation(party.channel) : undefined;
    if (!conversation?.teamId || conversation.gone) return { text: t(locale, 'directory', 'rosterNoChannel', { party: party.name }) };
    let team: RosterMember[];
    try {
      team = await deps.roster.teamMembers(conversation);
    } catch (err) {
      turn.log.warn({ err, party: party.id }, 'team roster could not be read');
      return { text: t(locale, 'directory', 'rosterUnreadable') };
    }
    const members = await deps.directory.members();
    const diff = compareRoster(team, members, party.id);
    const partyOf = new Map(parties.map((p) => [p.id, p.name]));
    const empty = diff.onlyInTeam.length + diff.otherParty.length + diff.onlyInDirectory.length + diff.different.length === 0;
    return {
      card: 'member-roster',
      data: {
        title: t(locale, 'directory', 'rosterTitle', { party: party.name }),
        allMatch: empty ? t(locale, 'directory', 'rosterAllMatch') : '',
        onlyInTeamTitle: t(locale, 'directory', 'rosterOnlyInTeam', { count: diff.onlyInTeam.length }),
        onlyInTeam: diff.onlyInTeam.map((r) => ({
          text: `${r.name}${r.email ? ` · ${r.email}` : ''}`,
          button: t(locale, 'directory', 'rosterAdd', { name: r.name }),
          data: { aadObjectId: r.aadObjectId, name: r.name, email: r.email ?? '', partyId: party.id },
        })),
        otherPartyTitle: t(locale, 'directory', 'rosterOtherParty', { count: diff.otherParty.length }),
        otherParty: diff.otherParty.map((d) => ({ text: `${d.member.name} · ${partyOf.get(d.member.partyId) ?? d.member.partyId}` })),
        onlyInDirectoryTitle: t(locale, 'directory', 'rosterOnlyInDirectory', { party: party.name, count: diff.onlyInDirectory.length }),
        onlyInDirectory: diff.onlyInDirectory.map((m) => ({ text: `${m.name} · ${m.email}`, button: t(locale, 'directory', 'rosterEdit', { name: m.name }), data: { aadObjectId: m.aadObjectId } })),
        differentTitle: t(locale, 'directory', 'rosterDifferent', { count: diff.different.length }),
        different: diff.different.map((d) => ({
          text: `${d.member.name} · ${d.member.email} → ${d.roster.name} · ${d.roster.email ?? '–'}`,
          button: t(locale, 'directory', 'rosterEdit', { name: d.member.name }),
          data: { aadObjectId: d.member.aadObjectId },
        })),
      },
    };
  }

  return {
    roster,
    memberRoster: verb(rosterSchema, (turn, data) => roster(turn, data.partyId || undefined)),
  };
}
