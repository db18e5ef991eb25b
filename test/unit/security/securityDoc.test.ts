import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/paths';
import { renderMatrix } from '../../integration/security/authorizationMatrix';

describe('docs/security.md', () => {
  it('shows the authorization matrix the tests run against, as it is', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs/security.md'), 'utf8');
    const section = /<!-- matrix:start -->\n([\s\S]*?)\n<!-- matrix:end -->/.exec(doc)?.[1];
    assert.ok(section, 'the matrix markers are missing');
    assert.equal(section, renderMatrix(), 'docs/security.md is out of date: paste renderMatrix() between the markers');
  });
});
