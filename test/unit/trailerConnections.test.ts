// Which connection a commit trailer means when a workspace has several
// (issue 14): `Feedback: <kind>:<id>` names a kind and the tracker's id, and
// resolves to the connections of that kind whose scope is the id's, the
// first in the list winning where the view must choose; a write is refused
// when the trailer could be two connections' item.
import * as assert from 'node:assert/strict';
import { DEFAULT_PATTERNS, ReferenceMatcher } from '../../src/core/references';
import { linkTargetOf, refNamesConnection } from '../../src/core/linkTarget';
import { connectionsForTrailer, linkCountsByConnection, scopeOfItemId, trailerScopeOf } from '../../src/core/trailerConnections';
import type { TrailerConnection } from '../../src/core/trailerConnections';

const matcher = new ReferenceMatcher({ patterns: DEFAULT_PATTERNS, trailerKey: 'Feedback' });
const restA: TrailerConnection = { id: 'rest-aaaaaaaa', kind: 'rest' };
const restB: TrailerConnection = { id: 'rest-bbbbbbbb', kind: 'rest' };
const octoApp: TrailerConnection = { id: 'github-appappap', kind: 'github', scope: 'octo/app' };
const octoWeb: TrailerConnection = { id: 'github-webwebwe', kind: 'github', scope: 'octo/web' };
const fiderOne: TrailerConnection = { id: 'fider-oneoneon', kind: 'fider', scope: 'one.example.com' };
const fiderTwo: TrailerConnection = { id: 'fider-twotwotw', kind: 'fider', scope: 'two.example.com:8443' };
const canny: TrailerConnection = { id: 'canny-cccccccc', kind: 'canny' };

describe('trailer connections', () => {
  it('reads the scope out of the ids of the kinds that have one', () => {
    assert.equal(scopeOfItemId('github', 'github:octo/app#12'), 'octo/app');
    assert.equal(scopeOfItemId('fider', 'fider:two.example.com:8443#7'), 'two.example.com:8443');
    assert.equal(scopeOfItemId('rest', 'FB-12'), undefined);
    assert.equal(scopeOfItemId('github', 'octo/app#12'), undefined, 'not an id of that kind');
    assert.equal(scopeOfItemId('github', 'github:#12'), undefined);
  });

  it('takes a connection’s scope from its record, as the adapters write their ids', () => {
    assert.equal(trailerScopeOf({ id: 'github-appappap', name: 'octo/app', kind: 'github', settings: { repository: 'octo/app', apiUrl: 'https://api.github.com' } }), 'octo/app');
    assert.equal(trailerScopeOf({ id: 'fider-twotwotw', name: 'Fider', kind: 'fider', settings: { baseUrl: 'https://two.example.com:8443/' } }), 'two.example.com:8443');
    assert.equal(trailerScopeOf({ id: 'rest-aaaaaaaa', name: 'Support', kind: 'rest', settings: { baseUrl: 'https://support.example.com' } }), undefined);
    assert.equal(trailerScopeOf(undefined), undefined, 'the environment’s and the sample tracker are REST: no scope');
  });

  it('resolves a trailer to the second of two connections of its kind when the scope is the second’s', () => {
    const connections = [octoWeb, restA, octoApp, fiderOne, fiderTwo];
    assert.deepEqual(connectionsForTrailer({ tracker: 'github', id: 'github:octo/app#12' }, connections), [octoApp]);
    assert.deepEqual(connectionsForTrailer({ tracker: 'github', id: 'github:Octo/App#12' }, connections), [octoApp], 'GitHub compares repositories case-insensitively');
    assert.deepEqual(connectionsForTrailer({ tracker: 'fider', id: 'fider:two.example.com:8443#7' }, connections), [fiderTwo]);
    assert.deepEqual(linkTargetOf({ tracker: 'github', id: 'github:octo/app#12' }, connections), { outcome: 'connection', connectionId: octoApp.id });
  });

  it('resolves scope-less kinds to every connection of the kind, in the list’s order', () => {
    assert.deepEqual(connectionsForTrailer({ tracker: 'rest', id: 'FB-12' }, [octoApp, restB, restA]), [restB, restA]);
    assert.deepEqual(connectionsForTrailer({ tracker: 'canny', id: 'canny:553c3ef8b8cdcd1501ba1234' }, [restA, canny]), [canny]);
  });

  it('knows no connection for a kind, repository or host this workspace does not have', () => {
    const connections = [restA, octoApp, fiderOne];
    assert.equal(linkTargetOf({ tracker: 'linear', id: 'linear:2b1c4a52' }, connections).outcome, 'unknown');
    assert.equal(linkTargetOf({ tracker: 'github', id: 'github:octo/other#3' }, connections).outcome, 'unknown');
    assert.equal(linkTargetOf({ tracker: 'fider', id: 'fider:elsewhere.example.com#3' }, connections).outcome, 'unknown');
    assert.equal(linkTargetOf({ tracker: 'github', id: 'github:octo/app#3' }, [{ id: 'github-noscopen', kind: 'github' }]).outcome, 'unknown', 'a GitHub connection of unknown repository is no guess');
  });

  it('refuses to choose between two connections a trailer can mean, unless the user chose one of them', () => {
    const ref = { tracker: 'rest', id: 'FB-12' };
    assert.deepEqual(linkTargetOf(ref, [restA, restB]), { outcome: 'ambiguous', connectionIds: [restA.id, restB.id] });
    assert.deepEqual(linkTargetOf(ref, [restA, restB], restB.id), { outcome: 'connection', connectionId: restB.id });
    assert.deepEqual(linkTargetOf(ref, [restA, restB], octoApp.id), { outcome: 'ambiguous', connectionIds: [restA.id, restB.id] }, 'a choice among other connections is no choice');
  });

  it('counts a trailer for the first connection it resolves to, a pattern for every connection, an unknown trailer for none', () => {
    const commits = [
      { refs: matcher.inMessage('Quote fields\n\nFeedback: rest:FB-12\n') },
      { refs: matcher.inMessage('Fix FB-12 again\n') },
      { refs: matcher.inMessage('Issue\n\nFeedback: github:github:octo/app#4\nFeedback: github:github:octo/gone#5\nFeedback: linear:linear:abc\n') },
    ];
    const counts = linkCountsByConnection(commits, [octoWeb, restB, restA, octoApp]);
    assert.deepEqual([...counts.get(restB.id)!], [['FB-12', 2]]);
    assert.deepEqual([...counts.get(restA.id)!], [['FB-12', 1]]);
    assert.deepEqual(Object.fromEntries(counts.get(octoApp.id)!), { 'FB-12': 1, 'github:octo/app#4': 1 });
    assert.deepEqual([...counts.get(octoWeb.id)!], [['FB-12', 1]]);
  });

  it('says whether a reference names a connection’s item, as the panel lists its commits', () => {
    const [trailer] = matcher.inMessage('x\n\nFeedback: github:github:octo/app#4\n');
    const [pattern] = matcher.inMessage('Fix FB-12\n');
    assert.ok(refNamesConnection(trailer, 'github:octo/app#4', octoApp.id, [octoWeb, octoApp]));
    assert.ok(!refNamesConnection(trailer, 'github:octo/app#4', octoWeb.id, [octoWeb, octoApp]));
    assert.ok(refNamesConnection(pattern, 'FB-12', restB.id, [restA, restB]));
    assert.ok(!refNamesConnection(pattern, 'FB-13', restB.id, [restA, restB]));
  });
});
