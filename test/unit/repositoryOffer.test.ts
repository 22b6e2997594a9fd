// A repository named in settings (perhaps by the workspace's own
// .vscode/settings.json) never redirects writes by itself: it is offered to
// the user, once, and the connected repository stays until they accept.
import * as assert from 'node:assert/strict';
import { repositoryOffer } from '../../src/features/connection/repositoryOffer';

describe('a GitHub repository named in settings', () => {
  it('is offered when it differs from the connected one', () => {
    assert.equal(repositoryOffer('octo/app', 'evil/sink', undefined), 'evil/sink');
    assert.equal(repositoryOffer('octo/app', ' octo/other ', 'evil/sink'), 'octo/other');
  });

  it('is not offered when it is empty, the connected one (any case) or declined before', () => {
    assert.equal(repositoryOffer('octo/app', '', undefined), undefined);
    assert.equal(repositoryOffer('octo/app', 'Octo/App', undefined), undefined);
    assert.equal(repositoryOffer('octo/app', 'evil/sink', 'evil/sink'), undefined);
    assert.equal(repositoryOffer('octo/app', 'EVIL/sink', 'evil/sink'), undefined);
  });
});
