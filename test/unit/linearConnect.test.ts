// What "Connect a Tracker… → Linear" reads (teams, then a team's projects and
// labels) and the workflow-state overrides of feedbackLoop.linear.statusOverrides,
// against the mock Linear built from the published schema.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../src/trackers/http';
import { linearAuthHeaders, linearLimitResetMs, linearRefusal, LinearTracker, listLinearLabels, listLinearProjects, listLinearTeams } from '../../src/trackers/linear/linearTracker';
import type { LinearTrackerOptions } from '../../src/trackers/linear/linearTracker';
import { TrackerError } from '../../src/trackers/tracker';
import { fakeIssue, startLinearFake } from '../fixtures/linearFake';
import type { LinearData, LinearFake } from '../fixtures/linearFake';

describe('linearAuthHeaders', () => {
  it('sends a personal API key as it is, and a sign-in’s OAuth token as Bearer', () => {
    assert.deepEqual(linearAuthHeaders('lin_api_x'), { Authorization: 'lin_api_x' });
    assert.deepEqual(linearAuthHeaders('lin_oauth_x', true), { Authorization: 'Bearer lin_oauth_x' });
  });
});

describe('Linear: choosing a team, and status overrides (mock Linear)', function () {
  this.timeout(30_000);
  let server: LinearFake;
  let data: LinearData;

  async function client(): Promise<HttpClient> {
    server = await startLinearFake(data);
    return new HttpClient({
      baseUrl: server.url,
      getToken: async () => 'lin_api_key',
      authHeaders: linearAuthHeaders,
      refusal: linearRefusal,
      limitResetMs: (headers) => linearLimitResetMs(headers),
    });
  }

  async function tracker(options: Partial<LinearTrackerOptions> = {}): Promise<LinearTracker> {
    return new LinearTracker({ http: await client(), teamId: 'team-1', ...options });
  }

  beforeEach(() => {
    data = {
      teamId: 'team-1',
      issues: [],
      states: [
        { id: 'st-review', type: 'started', position: 1, name: 'In Review' },
        { id: 'st-doing', type: 'started', position: 2, name: 'In Progress' },
      ],
    };
  });
  afterEach(async () => server.close());

  it('lists every team by name, over several pages', async () => {
    data.teams = Array.from({ length: 130 }, (_, n) => ({ id: `team-${n}`, key: `T${n}`, name: `Team ${String(n).padStart(3, '0')}` })).reverse();
    const teams = await listLinearTeams(await client());
    assert.equal(teams.length, 130);
    assert.deepEqual(teams.slice(0, 2).map((t) => [t.id, t.key, t.name]), [['team-0', 'T0', 'Team 000'], ['team-1', 'T1', 'Team 001']]);
    assert.equal(server.requests.length, 2, 'pages of 100');
    assert.equal(server.requests[0].headers.authorization, 'lin_api_key');
  });

  it('fails the probe with “unauthorized” when Linear refuses the key', async () => {
    const http = await client();
    server.refuseNext({ status: 400, body: { errors: [{ message: 'Authentication required', extensions: { code: 'AUTHENTICATION_ERROR' } }] } });
    await assert.rejects(listLinearTeams(http), (e: unknown) => e instanceof TrackerError && e.kind === 'unauthorized');
  });

  it('lists a team’s projects, and the labels its issues can carry: the team’s and the workspace’s, no groups', async () => {
    data.projects = [{ id: 'p-2', name: 'Onboarding' }, { id: 'p-1', name: 'Billing' }];
    data.labels = [
      { id: 'l-team', name: 'export', team: 'team-1' },
      { id: 'l-ws', name: 'Feature request', team: null },
      { id: 'l-other', name: 'mobile', team: 'team-2' },
      { id: 'l-group', name: 'Area', team: 'team-1', isGroup: true },
    ];
    const http = await client();
    assert.deepEqual((await listLinearProjects(http, 'team-1')).map((p) => p.name), ['Billing', 'Onboarding']);
    assert.deepEqual((await listLinearLabels(http, 'team-1')).map((l) => l.id), ['l-team', 'l-ws']);
  });

  it('shows a state named in the overrides with its status, and puts it in that status’s group only', async () => {
    data.issues.push(fakeIssue(1, { stateType: 'started', stateName: 'In Review' }), fakeIssue(2, { stateType: 'started', stateName: 'In Progress' }));
    const linear = await tracker({ statusOverrides: { 'In Review': 'under-review' } });
    assert.deepEqual((await linear.listItems({})).items.map((i) => i.status), ['under-review', 'in-progress']);
    assert.deepEqual((await linear.listItems({ statuses: ['under-review'] })).items.map((i) => i.id), ['linear:issue-1']);
    assert.deepEqual((await linear.listItems({ statuses: ['in-progress'] })).items.map((i) => i.id), ['linear:issue-2']);
    assert.equal((await linear.getItem('linear:issue-1')).status, 'under-review');
  });

  it('maps by type without overrides, and never takes an override from Object’s prototype', async () => {
    data.issues.push(fakeIssue(1, { stateType: 'started', stateName: 'In Review' }), fakeIssue(2, { stateType: 'completed', stateName: 'constructor' }));
    const plain = await tracker();
    assert.deepEqual((await plain.listItems({})).items.map((i) => i.status), ['in-progress', 'shipped']);
    await server.close();
    const overridden = await tracker({ statusOverrides: { 'In Review': 'under-review' } });
    assert.deepEqual((await overridden.listItems({ statuses: ['shipped'] })).items.map((i) => i.status), ['shipped']);
  });

  it('moves an issue to the first state of the type that is not overridden to another status', async () => {
    data.issues.push(fakeIssue(1));
    const linear = await tracker({ statusOverrides: { 'In Review': 'under-review' } });
    const item = await linear.setStatus('linear:issue-1', 'in-progress', { idempotencyKey: 'k1' });
    assert.equal(item.status, 'in-progress');
    const update = server.requests.find((r) => /issueUpdate/.test(JSON.stringify(r.body)))?.body as { variables: { stateId: string } };
    assert.equal(update.variables.stateId, 'st-doing');
  });
});
