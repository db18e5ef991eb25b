import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember, requireRole } from '../../kit/permissions';
import { defineVerbs, verb } from '../../kit/verbs';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { queryAll, updateDoc } from '../../store/concurrency';
import { FieldError, cardOf, form, type FieldProblem as KitProblem } from '../../kit/forms';
import type { FieldProblem, Participant, ProjectDoc } from './projectRules';
import { byParty, checkEntry, projectId, PROJECTS_PK, visibleEntries, workingGroupBody } from './projectRules';

const FORM_ID = /^f-[a-f0-9]{16}$/;
const formSchema = z.object({ projectId: z.string().regex(/^project:f-[a-f0-9]{16}$/).optional() });
const saveSchema = z.object({
  formId: z.string().regex(FORM_ID),
  kind: z.enum(['project', 'working-group']),
  name: z.string().max(400).optional().transform((v) => (v ?? '').trim()),
  purpose: z.string().max(4000).optional().transform((v) => (v ?? '').trim()),
  participants: z
    .string()
    .max(20_000)
    .optional()
    .transform((v) => (v ?? '').split(/[\r\n,;]+/).map((s) => s.trim()).filter((s) => s.length > 0)),
});

const both = (key: Parameters<typeof t<'projects'>>[2]) => ({ sv: t('sv', 'projects', key), en: t('en', 'projects', key) });

/**
 * The register of projects and working groups with their participants per party (the agreement's
 * Kommunikation section): the secretariat keeps it; each party's members see the entries their
 * party takes part in; a working group ties to its `arbetsgrupp-<slug>` body.
 */
export function registerProjects(app: FeatureApp, deps: AppDeps) {
  const container = deps.store.containers.directory;
  const entries = () => queryAll<ProjectDoc>(container, PROJECTS_PK, "c.type = 'project'");

  const formReply = (values: { formId: string; kind: string; name: string; purpose: string; participants: string }): Reply => ({ card: 'project-form', data: values });

  /** A problem of the entry in the person's words, beside its field. */
  const problemText = (turn: TurnInfo, p: FieldProblem): KitProblem => ({
    text: t(turn.actor.locale, 'projects', p.problem === 'required' ? 'fieldRequired' : p.problem === 'tooLong' ? 'fieldTooLong' : 'unknownEmails', { emails: p.detail ?? '' }),
  });

  /** The form again for what was sent to `project.save`: its form id kept, so the corrected press saves the same entry. */
  const projectForm = form('project-form', (turn, values) => {
    requireRole(turn, 'secretariat');
    const formId = FORM_ID.test(values.formId ?? '') ? values.formId! : `f-${randomBytes(8).toString('hex')}`;
    return cardOf(formReply({ formId, kind: values.kind === 'project' ? 'project' : 'working-group', name: '', purpose: '', participants: '' }));
  });

  const list = async (turn: TurnInfo): Promise<Reply> => {
    const member = requireMember(turn);
    const l = turn.actor.locale;
    const [all, parties, bodies] = await Promise.all([entries(), deps.directory.parties(), deps.directory.bodies()]);
    const secretariat = member.roles.includes('secretariat');
    const shown = visibleEntries(all, { partyId: member.partyId, secretariat });
    return {
      card: 'project-list',
      data: {
        heading: t(l, 'projects', secretariat ? 'listTitleAll' : 'listTitleParty', { party: parties.find((p) => p.id === member.partyId)?.name ?? '' }),
        empty: shown.length === 0,
        canEdit: secretariat,
        entries: shown.map((e) => ({
          projectId: e.id,
          name: e.name,
          kind: t(l, 'projects', e.kind === 'project' ? 'kindProject' : 'kindWorkingGroup'),
          purpose: e.purpose,
          body: e.bodyId ? t(l, 'projects', bodies.some((b) => b.id === e.bodyId) ? 'bodyLinked' : 'bodyMissing', { body: e.bodyId }) : '',
          parties: byParty(e, parties).map((g) => ({ line: `${g.party}: ${g.names.join(', ')}` })),
        })),
      },
    };
  };

  // Teams' command menus are full: the register opens from the help card.
  app.quickAction({ verb: 'project.list', title: both('listTitleAll'), roles: 'everyone' });

  return defineVerbs({
    'project.list': verb(z.object({}).passthrough(), (turn) => list(turn)),
    'project.form': verb(formSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const existing = data.projectId ? await container.read<ProjectDoc>(PROJECTS_PK, data.projectId) : undefined;
      if (data.projectId && !existing) throw new AppError('NOT_FOUND');
      const members = existing ? await deps.directory.members() : [];
      const emails = existing ? existing.participants.map((p) => members.find((m) => m.aadObjectId === p.aadObjectId)?.email ?? '').filter((e) => e !== '') : [];
      return formReply({
        formId: existing ? existing.id.slice('project:'.length) : `f-${randomBytes(8).toString('hex')}`,
        kind: existing?.kind ?? 'working-group',
        name: existing?.name ?? '',
        purpose: existing?.purpose ?? '',
        participants: emails.join('\n'),
      });
    }),
    'project.save': verb(saveSchema, async (turn, data) => {
      const secretary = requireRole(turn, 'secretariat');
      // Before anything is shown back: a refused form keeps what was typed.
      refuseIdentityNumbers({ name: data.name, purpose: data.purpose, participants: data.participants });
      const members = await deps.directory.members();
      const known = new Map<string, Participant>(members.map((m) => [m.email.toLowerCase(), { aadObjectId: m.aadObjectId, name: m.name, partyId: m.partyId }]));
      const checked = checkEntry(data, known);
      if (checked.problems.length > 0) throw new FieldError(Object.fromEntries(checked.problems.map((p) => [p.field, problemText(turn, p)])));
      const now = turn.now.toISOString();
      const id = projectId(data.formId);
      // The form's id makes a new entry once-only; the same form saved again is an edit of it.
      await updateDoc<ProjectDoc, void>(container, PROJECTS_PK, id, (current) => ({
        write: {
          id,
          pk: PROJECTS_PK,
          type: 'project',
          kind: data.kind,
          name: data.name,
          purpose: data.purpose,
          bodyId: data.kind === 'working-group' ? workingGroupBody(data.name) : null,
          participants: checked.participants,
          createdAt: current?.createdAt ?? now,
          updatedAt: now,
          updatedBy: secretary.name,
        },
        result: undefined,
      }));
      turn.log.info({ kind: data.kind, participants: checked.participants.length }, 'project register entry saved');
      return list(turn);
    }, { form: projectForm }),
  });
}
