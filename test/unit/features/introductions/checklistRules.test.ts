import assert from 'node:assert/strict';
import { decideAssign, decideStall, decideStart, decideTick, newChecklist, type Checklist } from '../../../../src/features/introductions/checklistRules';

const now = new Date('2026-03-02T08:00:00Z');
const newcomer = { aadObjectId: 'nina', name: 'Nina Ny', partyId: 'gavle' };
const secretary = { aadObjectId: 'sara', name: 'Sara', roles: ['secretariat' as const] };
const chair = { aadObjectId: 'carin', name: 'Carin', roles: ['chair' as const, 'member' as const] };
const member = { aadObjectId: 'gustav', name: 'Gustav', roles: ['member' as const] };

function fresh(): Checklist {
  return newChecklist(newcomer, ['lansledning'], false, now);
}

describe('introduction checklist rules', () => {
  it('starts when someone joins Länsledning or a committee, not for other bodies or the first file load', () => {
    assert.deepEqual(decideStart({ before: { bodies: [] }, after: { bodies: ['utskott-vuxna'] }, initialLoad: false }, undefined), { kind: 'start', bodies: ['utskott-vuxna'] });
    assert.equal(decideStart({ before: undefined, after: { bodies: ['beredningsorgan'] }, initialLoad: false }, undefined).kind, 'none');
    assert.equal(decideStart({ before: undefined, after: { bodies: ['lansledning'] }, initialLoad: true }, undefined).kind, 'none');
    assert.equal(decideStart({ before: { bodies: ['lansledning'] }, after: { bodies: ['lansledning'] }, initialLoad: false }, undefined).kind, 'none');
  });

  it('does not start a second introduction while one exists, but starts over after a cancelled one', () => {
    const change = { before: { bodies: [] }, after: { bodies: ['utskott-barn-unga'] }, initialLoad: false };
    assert.equal(decideStart(change, { cancelledAt: null }).kind, 'none');
    assert.equal(decideStart(change, { cancelledAt: '2026-01-01T00:00:00Z' }).kind, 'start');
  });

  it('lets the chair tick the chair step and the secretariat its coordinator step without a note', () => {
    assert.equal(decideTick(fresh(), 'chair', chair, '', now).kind, 'ticked');
    assert.equal(decideTick(fresh(), 'coordinator', secretary, '', now).kind, 'ticked');
  });

  it('refuses a member who is not responsible, and asks the secretariat for a note when ticking for someone else', () => {
    assert.deepEqual(decideTick(fresh(), 'chair', member, 'klart', now), { kind: 'rejected', reason: 'forbidden' });
    assert.deepEqual(decideTick(fresh(), 'chief', secretary, '  ', now), { kind: 'rejected', reason: 'noteRequired' });
    assert.equal(decideTick(fresh(), 'chief', secretary, 'Träffades 1 mars', now).kind, 'ticked');
  });

  it('once a person is named, only they (or the secretariat with a note) tick the step', () => {
    const named = decideAssign(fresh(), 'chair', { aadObjectId: 'kim', name: 'Kim' });
    assert.equal(named.kind, 'assigned');
    if (named.kind !== 'assigned') return;
    assert.deepEqual(decideTick(named.next, 'chair', chair, '', now), { kind: 'rejected', reason: 'forbidden' });
    assert.equal(decideTick(named.next, 'chair', { aadObjectId: 'kim', name: 'Kim', roles: ['member'] }, '', now).kind, 'ticked');
  });

  it('completes when the fourth step is ticked, and a closed checklist takes no more ticks', () => {
    let c = fresh();
    for (const step of ['chief', 'chair', 'schoolChief'] as const) {
      const d = decideTick(c, step, secretary, 'ok', now);
      assert.ok(d.kind === 'ticked' && !d.completed);
      c = d.next;
    }
    const last = decideTick(c, 'coordinator', secretary, '', now);
    assert.ok(last.kind === 'ticked' && last.completed);
    assert.equal(last.next.completedAt, now.toISOString());
    assert.deepEqual(decideTick(last.next, 'coordinator', secretary, '', now), { kind: 'rejected', reason: 'closed' });
  });

  it('reminds after 14 days without progress, and waits when something happened meanwhile', () => {
    const c = fresh();
    const day = 86_400_000;
    assert.equal(decideStall(c, new Date(now.getTime() + 10 * day)).kind, 'later');
    const remind = decideStall(c, new Date(now.getTime() + 14 * day));
    assert.equal(remind.kind, 'remind');
    const progressed = { ...c, lastProgressAt: new Date(now.getTime() + 7 * day).toISOString() };
    const later = decideStall(progressed, new Date(now.getTime() + 14 * day));
    assert.deepEqual(later, { kind: 'later', next: new Date(now.getTime() + 21 * day) });
    assert.equal(decideStall({ ...c, completedAt: now.toISOString() }, new Date(now.getTime() + 30 * day)).kind, 'stop');
  });
});
