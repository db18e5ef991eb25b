import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CaseDoc, CaseState } from '../../../../src/features/cases/model';
import { CASE_STATES, DISPUTE_FORUM, isFinal } from '../../../../src/features/cases/model';
import type { Mover, TransitionDecision, TransitionRequest } from '../../../../src/features/cases/workflowRules';
import { decideTransition, EDGES, movesFor, rolesFor } from '../../../../src/features/cases/workflowRules';
import { dispute, GUSTAV, NOW, OTHER_MEMBER, OUTSIDER, PER, PETRA, receivedCase, RULES, SARA } from './fixtures';

function move(c: CaseDoc, who: Mover, request: TransitionRequest, rules = RULES): CaseDoc {
  const decision = decideTransition(c, who, request, rules);
  if (decision.kind !== 'moved') throw new Error(`expected a move, got ${decision.reason}`);
  return decision.next;
}

function refusal(decision: TransitionDecision): string {
  return decision.kind === 'refused' ? decision.reason : 'moved';
}

describe('case workflow', () => {
  it('lets any preparer take a received case, and then the case is theirs', () => {
    const taken = move(receivedCase(), PETRA, { to: 'preparing' });
    assert.equal(taken.state, 'preparing');
    assert.deepEqual(taken.holder, { aadObjectId: PETRA.aadObjectId, name: PETRA.name });
    assert.equal(taken.version, 2);
    assert.equal(taken.lastEvent.kind, 'take');
  });

  it('tells the second preparer to press "take" who already has the case', () => {
    const taken = move(receivedCase(), PETRA, { to: 'preparing' });
    const second = decideTransition(taken, PER, { to: 'preparing' }, RULES);
    assert.deepEqual(second, { kind: 'refused', reason: 'taken', holder: { aadObjectId: PETRA.aadObjectId, name: PETRA.name } });
  });

  it('does not let a member who is not a preparer take or move a case', () => {
    assert.equal(refusal(decideTransition(receivedCase(), OTHER_MEMBER, { to: 'preparing' }, RULES)), 'forbidden');
    assert.equal(refusal(decideTransition(receivedCase(), OTHER_MEMBER, { to: 'closed' }, RULES)), 'forbidden');
    const taken = move(receivedCase(), PETRA, { to: 'preparing' });
    assert.equal(refusal(decideTransition(taken, OTHER_MEMBER, { to: 'placed', level: 'lansledning' }, RULES)), 'forbidden');
  });

  it('lets only the holder place a case, at a level that exists', () => {
    const taken = move(receivedCase(), PETRA, { to: 'preparing' });
    assert.equal(refusal(decideTransition(taken, PER, { to: 'placed', level: 'utskott-vuxna' }, RULES)), 'forbidden');
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'placed' }, RULES)), 'level-required');
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'placed', level: 'utskott-okand' }, RULES)), 'unknown-level');
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'placed', level: DISPUTE_FORUM }, RULES)), 'unknown-level');
    const placed = move(taken, PETRA, { to: 'placed', level: 'utskott-vuxna', comment: 'Passar utskottets aktivitetsplan.' });
    assert.equal(placed.level, 'utskott-vuxna');
    assert.equal(placed.lastEvent.comment, 'Passar utskottets aktivitetsplan.');
  });

  it('returns a case to the submitter only with a note of what is missing, and the submitter completes it', () => {
    const taken = move(receivedCase(), PETRA, { to: 'preparing' });
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'returned', comment: '  ' }, RULES)), 'comment-required');
    const returned = move(taken, PETRA, { to: 'returned', comment: 'Vilka enheter berörs?' });
    assert.equal(refusal(decideTransition(returned, PER, { to: 'preparing' }, RULES)), 'taken');
    assert.equal(refusal(decideTransition(returned, GUSTAV, { to: 'preparing' }, RULES)), 'comment-required');
    const completed = move(returned, GUSTAV, { to: 'preparing', comment: 'Hemtjänst och korttidsboende.' });
    assert.equal(completed.state, 'preparing');
    assert.equal(completed.holder?.aadObjectId, PETRA.aadObjectId, 'the same preparer continues');
  });

  it('answers a case directly: it closes with the answer as the comment', () => {
    const taken = move(receivedCase(), PETRA, { to: 'preparing' });
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'closed' }, RULES)), 'comment-required');
    const answered = move(taken, PETRA, { to: 'closed', comment: 'Rutinen finns redan, se länk.' });
    assert.equal(answered.state, 'closed');
    assert.equal(answered.lastEvent.kind, 'answer');
  });

  it('lets the secretariat release, close and withdraw, but not take without being a preparer', () => {
    assert.equal(refusal(decideTransition(receivedCase(), SARA, { to: 'preparing' }, RULES)), 'forbidden');
    const taken = move(receivedCase(), PETRA, { to: 'preparing' });
    assert.equal(move(taken, SARA, { to: 'received' }).holder, null);
    const placed = move(taken, PETRA, { to: 'placed', level: 'lansledning' });
    assert.equal(move(placed, SARA, { to: 'closed' }).state, 'closed');
    assert.equal(move(receivedCase(), SARA, { to: 'withdrawn' }).state, 'withdrawn');
  });

  it("does not let anyone withdraw someone else's case, and not a placed one", () => {
    assert.equal(refusal(decideTransition(receivedCase(), OTHER_MEMBER, { to: 'withdrawn' }, RULES)), 'forbidden');
    assert.equal(refusal(decideTransition(receivedCase(), PETRA, { to: 'withdrawn' }, RULES)), 'forbidden');
    assert.equal(move(receivedCase(), GUSTAV, { to: 'withdrawn' }).state, 'withdrawn');
    const placed = move(move(receivedCase(), PETRA, { to: 'preparing' }), PETRA, { to: 'placed', level: 'lansledning' });
    assert.equal(refusal(decideTransition(placed, GUSTAV, { to: 'withdrawn' }, RULES)), 'illegal');
  });

  it('keeps closed and withdrawn cases as they are', () => {
    const withdrawn = move(receivedCase(), GUSTAV, { to: 'withdrawn' });
    for (const to of CASE_STATES) assert.equal(refusal(decideTransition(withdrawn, SARA, { to }, RULES)), 'final');
  });

  it('sends a dispute that "endast berör två … parter" to them, with no deadline unless the preparer gives one', () => {
    const taken = move(receivedCase(dispute(['gavle', 'sandviken'], false)), PETRA, { to: 'preparing' });
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'placed', level: 'lansledning' }, RULES)), 'dispute-route');
    const placed = move(taken, PETRA, { to: 'placed' });
    assert.equal(placed.level, 'parties');
    assert.equal(placed.dispute?.confirmedPrincipled, false);
    assert.equal(placed.dispute?.settleBy, null, 'the agreement sets no period');

    const withDate = move(taken, PETRA, { to: 'placed', settleBy: '2027-01-15T08:00:00.000Z' });
    assert.equal(withDate.dispute?.settleBy, '2027-01-15T08:00:00.000Z');
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'placed', settleBy: '2026-11-01T08:00:00.000Z' }, RULES)), 'past-deadline');
  });

  it('brings a dispute returned to the parties to Politiska ledningsgruppen as soon as "the parties report that they cannot agree", with their reason', () => {
    const placed = move(move(receivedCase(dispute(['gavle', 'sandviken'], false)), PETRA, { to: 'preparing' }), PETRA, { to: 'placed' });
    assert.ok(movesFor(placed, GUSTAV).includes('escalate'), 'a member of an involved party may report');
    assert.ok(movesFor(placed, OTHER_MEMBER).includes('escalate'));
    assert.ok(movesFor(placed, PER).includes('escalate'), 'a preparer may record their report');
    assert.ok(!movesFor(placed, OUTSIDER).includes('escalate'), 'not a party outside the dispute');
    assert.equal(refusal(decideTransition(placed, OUTSIDER, { to: 'placed', level: DISPUTE_FORUM, comment: 'Vi vill lyfta den' }, RULES)), 'forbidden');
    assert.equal(refusal(decideTransition(placed, GUSTAV, { to: 'placed', level: DISPUTE_FORUM }, RULES)), 'reason-required');
    assert.equal(refusal(decideTransition(placed, GUSTAV, { to: 'placed', level: DISPUTE_FORUM, comment: '  ' }, RULES)), 'reason-required');

    const escalated = move(placed, GUSTAV, { to: 'placed', level: DISPUTE_FORUM, comment: 'Vi är oense om fördelningen.' }, RULES);
    assert.equal(escalated.level, DISPUTE_FORUM);
    assert.equal(escalated.lastEvent.kind, 'escalate');
    assert.equal(escalated.lastEvent.comment, 'Vi är oense om fördelningen.');
    assert.equal(escalated.lastEvent.actor.name, GUSTAV.name);
    assert.ok(!movesFor(escalated, GUSTAV).includes('escalate'), 'once with the forum, it is not escalated again');
  });

  it('reads a dispute stored with the earlier 30-day lock as a reminder date only: the parties may report at once', () => {
    const placed = move(move(receivedCase(dispute(['gavle', 'sandviken'], false)), PETRA, { to: 'preparing' }), PETRA, { to: 'placed' });
    const stored: CaseDoc = { ...placed, dispute: { involved: ['gavle', 'sandviken'], principled: false, confirmedPrincipled: false, settleBy: '2026-12-20T09:00:00.000Z' } };
    const escalated = move(stored, OTHER_MEMBER, { to: 'placed', level: DISPUTE_FORUM, comment: 'Vi kan inte enas.' }, RULES);
    assert.equal(escalated.level, DISPUTE_FORUM);
  });

  it('tells "två eller ett fåtal parter" apart from "samtliga parter": between them the preparer confirms which', () => {
    const six = ['gavle', 'sandviken', 'hofors', 'ockelbo', 'bollnas', 'ljusdal'];
    const taken = move(receivedCase(dispute(six, false)), PETRA, { to: 'preparing' });
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'placed' }, RULES)), 'dispute-undecided', 'six of eleven is not taken to be a few');
    const few = move(taken, PETRA, { to: 'placed', few: true });
    assert.equal(few.level, 'parties');
    assert.equal(few.dispute?.confirmedFew, true);
    const principled = move(taken, PETRA, { to: 'placed', few: false, principled: true });
    assert.equal(principled.level, DISPUTE_FORUM);
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'placed', few: false, principled: false }, RULES)), 'dispute-undecided');

    const all = move(receivedCase(dispute(RULES.eleven, false)), PETRA, { to: 'preparing' });
    assert.equal(move(all, PETRA, { to: 'placed' }).level, DISPUTE_FORUM, 'all eleven go to the forum without a judgement');
  });

  it("sends a dispute to Politiska ledningsgruppen when the preparer confirms it is a matter of principle", () => {
    const taken = move(receivedCase(dispute(['gavle', 'sandviken'], false)), PETRA, { to: 'preparing' });
    const placed = move(taken, PETRA, { to: 'placed', principled: true });
    assert.equal(placed.level, DISPUTE_FORUM);
    assert.equal(placed.dispute?.confirmedPrincipled, true);
    assert.equal(placed.dispute?.settleBy, null);
  });

  it('cannot place a dispute that has neither two parties nor principle once the preparer says it is not principled', () => {
    const taken = move(receivedCase(dispute(['gavle'], true)), PETRA, { to: 'preparing' });
    assert.equal(refusal(decideTransition(taken, PETRA, { to: 'placed', principled: false }, RULES)), 'dispute-unroutable');
    assert.equal(move(taken, PETRA, { to: 'placed' }).level, DISPUTE_FORUM, 'as the submitter marked it');
  });

  it('moves only along the table of docs/domain.md §8, one event per move, whoever asks for whatever', () => {
    const movers = [PETRA, PER, SARA, GUSTAV, OTHER_MEMBER, OUTSIDER];
    const request = fc.record({
      who: fc.integer({ min: 0, max: movers.length - 1 }),
      to: fc.constantFrom<CaseState>(...CASE_STATES),
      level: fc.option(fc.constantFrom('lansledning', 'utskott-vuxna', 'parties', DISPUTE_FORUM, 'nowhere'), { nil: undefined }),
      comment: fc.option(fc.constantFrom('', 'En kommentar'), { nil: undefined }),
      principled: fc.option(fc.boolean(), { nil: undefined }),
      few: fc.option(fc.boolean(), { nil: undefined }),
      daysLater: fc.integer({ min: 0, max: 40 }),
    });
    const intake = fc.constantFrom(
      receivedCase(),
      receivedCase(dispute(['gavle', 'sandviken'], false)),
      receivedCase(dispute(['gavle', 'sandviken', 'hofors'], false)),
      receivedCase(dispute(['gavle'], true)),
    );
    fc.assert(
      fc.property(intake, fc.array(request, { maxLength: 25 }), (start, requests) => {
        let c = start;
        for (const r of requests) {
          const who = movers[r.who]!;
          const rules = { ...RULES, now: new Date(NOW.getTime() + r.daysLater * 86_400_000) };
          const decision = decideTransition(c, who, r, rules);
          if (decision.kind === 'refused') continue;
          const edge = EDGES.find((e) => e.from === c.state && e.to === decision.next.state && e.kind === decision.event.kind);
          assert.ok(edge, `${c.state} -> ${decision.next.state} is not in the table`);
          assert.ok(!isFinal(c.state));
          assert.ok(edge.who.some((w) => rolesFor(c, who).includes(w)), `${who.name} may not ${edge.kind}`);
          assert.equal(decision.next.version, c.version + 1);
          assert.equal(decision.event.seq, decision.next.version);
          assert.equal(decision.event.actor.aadObjectId, who.aadObjectId);
          if (decision.next.state === 'preparing' || decision.next.state === 'placed') assert.ok(decision.next.holder);
          c = decision.next;
        }
      }),
      { numRuns: 500 },
    );
  });
});
