import * as assert from 'node:assert/strict';
import { githubRepositoryOf } from '../../src/trackers/github/remote';

describe('githubRepositoryOf (origin remote → owner/name)', () => {
  it('reads https, scp-like and ssh remotes of github.com', () => {
    assert.equal(githubRepositoryOf('https://github.com/octo/app.git'), 'octo/app');
    assert.equal(githubRepositoryOf('https://github.com/octo/app'), 'octo/app');
    assert.equal(githubRepositoryOf('git@github.com:octo/my.app.git'), 'octo/my.app');
    assert.equal(githubRepositoryOf('ssh://git@github.com/octo/app.git'), 'octo/app');
    assert.equal(githubRepositoryOf('https://GitHub.com/octo/app/'), 'octo/app');
  });

  it('compares the host exactly after parsing: look-alikes and other hosts are not GitHub', () => {
    for (const remote of [
      'https://github.com.evil.example/octo/app',
      'https://evil.example/github.com/octo/app',
      'git@gitlab.com:octo/app.git',
      'https://user@evilgithub.com/octo/app',
      'file:///github.com/octo/app',
      'https://github.com/octo/..',
      'https://github.com/octo/app/extra',
      'not a url',
    ]) {
      assert.equal(githubRepositoryOf(remote), undefined, remote);
    }
  });
});
