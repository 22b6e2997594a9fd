// Which sign-in's token may go to the configured GitHub API URL: a github.com
// token only to api.github.com, a GitHub Enterprise token only to the server
// VS Code's github-enterprise sign-in is set to, nothing anywhere else.
import * as assert from 'node:assert/strict';
import { githubAuthFor } from '../../src/features/connection/githubAuth';

describe('GitHub sign-in for an API URL', () => {
  it('gives the github.com sign-in to https://api.github.com only', () => {
    for (const url of ['https://api.github.com', 'https://api.github.com/', 'https://API.GitHub.com', ' https://api.github.com:443 ']) {
      assert.deepEqual(githubAuthFor(url, undefined), { provider: 'github' }, url);
      assert.deepEqual(githubAuthFor(url, 'https://github.example.com'), { provider: 'github' }, url);
    }
  });

  it('refuses look-alike hosts, other ports and http', () => {
    const cases: [string, string][] = [
      ['https://api.github.com.evil.com', 'noEnterpriseUri'],
      ['https://evil.com/api.github.com', 'noEnterpriseUri'],
      ['https://evil.com#@api.github.com', 'noEnterpriseUri'],
      ['https://api.github.com:8443', 'noEnterpriseUri'],
      ['https://github.com', 'noEnterpriseUri'],
      ['http://api.github.com', 'notHttps'],
      ['ftp://api.github.com', 'notHttps'],
      ['https://api.github.com@evil.com', 'credentialsInUrl'],
      ['https://user:secret@api.github.com', 'credentialsInUrl'],
      ['api.github.com', 'invalidUrl'],
      ['', 'invalidUrl'],
    ];
    for (const [url, refused] of cases) {
      assert.deepEqual(githubAuthFor(url, undefined), { refused }, url);
    }
  });

  it('gives the GitHub Enterprise sign-in to the configured server only', () => {
    const ghe = 'https://github.example.com';
    assert.deepEqual(githubAuthFor('https://github.example.com/api/v3', ghe), { provider: 'github-enterprise' });
    assert.deepEqual(githubAuthFor('https://GITHUB.example.com/api/v3', `${ghe}/`), { provider: 'github-enterprise' });
    assert.deepEqual(githubAuthFor('https://ghe.internal:8443/api/v3', 'https://ghe.internal:8443'), { provider: 'github-enterprise' });
    // GHE Cloud with data residency: the API is on api.<subdomain>.ghe.com.
    assert.deepEqual(githubAuthFor('https://api.octo.ghe.com', 'https://octo.ghe.com'), { provider: 'github-enterprise' });
  });

  it('refuses an API URL that is not the configured GitHub Enterprise server', () => {
    const ghe = 'https://github.example.com';
    const cases: [string, string | undefined, string][] = [
      ['https://evil.com/api/v3', ghe, 'otherHost'],
      ['https://github.example.com.evil.com/api/v3', ghe, 'otherHost'],
      ['https://evil.github.example.com/api/v3', ghe, 'otherHost'],
      ['https://github.example.com:8443/api/v3', ghe, 'otherHost'],
      ['https://api.github.example.com', ghe, 'otherHost'], // api.<host> is only for *.ghe.com
      ['https://github.example.com/api/v3', 'https://other.example.com', 'otherHost'],
      ['http://github.example.com/api/v3', ghe, 'notHttps'],
      ['https://me:pw@github.example.com/api/v3', ghe, 'credentialsInUrl'],
      ['https://github.example.com/api/v3', '', 'noEnterpriseUri'],
      ['https://github.example.com/api/v3', 'github.example.com', 'invalidEnterpriseUri'],
      ['https://github.example.com/api/v3', 'file:///github.example.com', 'invalidEnterpriseUri'],
    ];
    for (const [url, enterprise, refused] of cases) {
      assert.deepEqual(githubAuthFor(url, enterprise), { refused }, `${url} with ${String(enterprise)}`);
    }
  });
});
