import assert from 'node:assert/strict';
import { MEMBER_GAVLE, SECRETARY } from '../../support/members';
import { startMemoryCosmos } from '../../support/memoryCosmos';
import { startTestApp } from '../../support/testApp';

describe('the directory file across restarts', () => {
  it("keeps the secretariat's changes in chat when the service restarts with the same file, and takes a changed entry from the file", async () => {
    const cosmos = await startMemoryCosmos();
    const store = await cosmos.open();
    try {
      const first = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry], store });
      await first.app.deps.directory.putMember({ ...MEMBER_GAVLE.entry, bodies: ['lansledning', 'utskott-vuxna'], source: 'admin' });
      await first.app.deps.directory.removeMember(SECRETARY.entry.aadObjectId);
      await first.stop();

      const second = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry], store });
      assert.deepEqual((await second.app.deps.directory.member(MEMBER_GAVLE.entry.aadObjectId))?.bodies, ['lansledning', 'utskott-vuxna']);
      assert.equal(await second.app.deps.directory.member(SECRETARY.entry.aadObjectId), undefined, 'a removal is not undone');
      await second.stop();

      const third = await startTestApp({ members: [SECRETARY.entry, { ...MEMBER_GAVLE.entry, name: 'Gustav Gävle-Berg' }], store });
      const gustav = await third.app.deps.directory.member(MEMBER_GAVLE.entry.aadObjectId);
      assert.equal(gustav?.name, 'Gustav Gävle-Berg', 'an entry changed in the file wins');
      assert.deepEqual(gustav?.bodies, ['lansledning']);
      await third.stop();
    } finally {
      await cosmos.close();
    }
  });
});
