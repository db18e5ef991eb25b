import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/paths';
import { renderMatrix } from '../../integration/security/authorizationMatrix';
import { renderFreeTextTable } from '../../integration/security/freeTextInputs';

describe('docs/security.md', () => {
  it('shows the authorization matrix the tests run against, as it is', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs/security.md'), 'utf8');
    const section = /<!-- matrix:start -->\n([\s\S]*?)\n<!-- matrix:end -->/.exec(doc)?.[1];
    assert.ok(section, 'the matrix markers are missing');
    assert.equal(section, renderMatrix(), 'docs/security.md is out of date: paste renderMatrix() between the markers');
  });

  it('shows the table of free-text inputs the identity-number guard is tested over, as it is', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs/security.md'), 'utf8');
    const section = /<!-- freetext:start -->\n([\s\S]*?)\n<!-- freetext:end -->/.exec(doc)?.[1];
    assert.ok(section, 'the free-text table markers are missing');
    assert.equal(section, renderFreeTextTable(), 'docs/security.md is out of date: paste renderFreeTextTable() between the markers');
  });
});
