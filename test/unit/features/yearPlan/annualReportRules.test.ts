import assert from 'node:assert/strict';
import { bar, buildReport } from '../../../../src/features/yearPlan/annualReportRules';

describe('annual report counts', () => {
  it('counts attendance per party and body from the answers to notices', () => {
    const report = buildReport({
      meetings: [
        {
          bodyId: 'lansledning',
          invitees: [
            { aadObjectId: 'a', partyId: 'gavle' },
            { aadObjectId: 'b', partyId: 'gavle' },
            { aadObjectId: 'c', partyId: 'region-gavleborg' },
          ],
          answers: [
            { aadObjectId: 'a', response: 'attend' },
            { aadObjectId: 'c', response: 'absent' },
          ],
        },
        { bodyId: 'utskott-vuxna', invitees: [{ aadObjectId: 'a', partyId: 'gavle' }], answers: [{ aadObjectId: 'a', response: 'attend' }] },
      ],
      cases: [],
      broadcasts: [],
      remisser: [],
    });
    assert.equal(report.meetings, 2);
    assert.deepEqual(report.byParty.find((r) => r.key === 'gavle'), { key: 'gavle', meetings: 2, invited: 3, attending: 2, absent: 0, noAnswer: 1, rate: 2 / 3 });
    assert.deepEqual(report.byParty.find((r) => r.key === 'region-gavleborg'), { key: 'region-gavleborg', meetings: 1, invited: 1, attending: 0, absent: 1, noAnswer: 0, rate: 0 });
    assert.equal(report.byBody.find((r) => r.key === 'lansledning')?.rate, 1 / 3);
  });

  it('counts cases by area and state, acknowledgement and answer rates by party', () => {
    const report = buildReport({
      meetings: [],
      cases: [
        { area: 'vard-omsorg', state: 'closed' },
        { area: 'vard-omsorg', state: 'preparing' },
        { area: 'funktionsnedsattning', state: 'closed' },
      ],
      broadcasts: [
        { kind: 'decision', requiresAck: true, parties: ['gavle', 'hofors', 'ockelbo', 'bollnas'], acked: ['gavle', 'hofors', 'ockelbo'] },
        { kind: 'information', requiresAck: false, parties: ['gavle'], acked: [] },
      ],
      remisser: [{ parties: ['gavle', 'hofors', 'ockelbo', 'bollnas'], answered: ['gavle', 'hofors'], declined: ['ockelbo'] }],
    });
    assert.deepEqual(report.cases.byArea, [{ key: 'funktionsnedsattning', count: 1 }, { key: 'vard-omsorg', count: 2 }]);
    assert.deepEqual(report.cases.byState, [{ key: 'closed', count: 2 }, { key: 'preparing', count: 1 }]);
    assert.equal(report.broadcasts.rate, 0.75);
    assert.equal(report.broadcasts.withAck, 1);
    assert.deepEqual({ ...report.remisser }, { total: 1, addressed: 4, answered: 2, declined: 1, rate: 0.5, apart: [] });
  });

  it('counts acknowledgements and answers of "de elva parterna", and Hälsinglands Utbildningsförbund\'s apart', () => {
    const eleven = ['region-gavleborg', 'bollnas', 'gavle', 'hofors', 'hudiksvall', 'ljusdal', 'nordanstig', 'ockelbo', 'ovanaker', 'sandviken', 'soderhamn'];
    const report = buildReport({
      meetings: [],
      cases: [],
      broadcasts: [
        { kind: 'decision', requiresAck: true, parties: [...eleven, 'hufb'], acked: ['gavle', 'hofors', 'hufb'] },
        { kind: 'decision', requiresAck: true, parties: [...eleven, 'hufb'], acked: ['gavle'] },
      ],
      remisser: [{ parties: [...eleven, 'hufb'], answered: ['gavle', 'hufb'], declined: ['ockelbo'] }],
    });
    assert.deepEqual(
      { addressed: report.broadcasts.addressed, acknowledged: report.broadcasts.acknowledged, apart: report.broadcasts.apart },
      { addressed: 22, acknowledged: 3, apart: [{ key: 'hufb', addressed: 2, acknowledged: 1 }] },
      'never "4 av 24"',
    );
    assert.deepEqual(
      { ...report.remisser },
      { total: 1, addressed: 11, answered: 1, declined: 1, rate: 1 / 11, apart: [{ key: 'hufb', addressed: 1, answered: 1, declined: 0 }] },
    );
    // A deployment's directory decides who is beside the eleven.
    const told = buildReport({ meetings: [], cases: [], broadcasts: [], remisser: [{ parties: ['gavle', 'x'], answered: ['x'], declined: [] }] }, (id) => id !== 'x');
    assert.deepEqual({ ...told.remisser }, { total: 1, addressed: 1, answered: 0, declined: 0, rate: 0, apart: [{ key: 'x', addressed: 1, answered: 1, declined: 0 }] });
  });

  it('shows nothing but zeros for a year with no data', () => {
    const report = buildReport({ meetings: [], cases: [], broadcasts: [], remisser: [] });
    assert.equal(report.meetings, 0);
    assert.equal(report.broadcasts.rate, 0);
    assert.equal(report.remisser.rate, 0);
  });

  it('draws a bar of ten blocks', () => {
    assert.equal(bar(0), '░░░░░░░░░░');
    assert.equal(bar(0.66), '███████░░░');
    assert.equal(bar(1), '██████████');
  });
});
