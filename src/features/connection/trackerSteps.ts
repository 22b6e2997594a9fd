// The guided steps of "Connect a Tracker…": the kind of tracker, then the
// steps of GitHub Issues, Canny, Fider, Linear or our REST contract, ending in
// a new connection beside the workspace's others (issue 14). Each step says
// what it needs and where the secret goes; cancelling any step adds nothing.
// The secret steps are also Reconnect's (manageConnections.ts). Loaded when
// the command first runs (connectionCommands.ts), as its own bundle.
import * as vscode from 'vscode';
import { singleLineText } from '../../core/displayText';
import { sameTracker } from '../../core/connections/registry';
import type { ConnectionDraft } from '../../core/connections/registry';
import { githubRepositoryOf } from '../../trackers/github/remote';
import { describeError } from '../../platform/errorText';
import type { Log } from '../../platform/log';
import { readSetting } from '../../platform/settings';
import { isHttpUrl } from '../../platform/settingSchemas';
import type { ConnectionManager } from './connectionManager';
import type { LinearNamed } from '../../trackers/linear/linearWire';
import type { HttpClient } from '../../trackers/http';
import type { LinearToken } from './linearClient';
import { cannyTracker, githubApiUrl } from './trackerChoice';
import type { LinearSettings } from './trackerChoice';
import { describe } from './connectionWords';
import { githubSignIn } from './githubSignIn';
import { linearClientModule, linearModule } from './trackerModules';

const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;

type TrackerKind = 'rest' | 'github' | 'canny' | 'fider' | 'linear';

/** Step 0 of every connection: which kind of tracker. The connection is added to the workspace's others. */
export async function connect(connection: ConnectionManager, log: Log): Promise<void> {
  const kinds: (vscode.QuickPickItem & { tracker: TrackerKind })[] = [
    { tracker: 'github', label: 'GitHub Issues', detail: vscode.l10n.t('Issues ranked by thumbs-up reactions; sign in with your GitHub account') },
    { tracker: 'canny', label: 'Canny', detail: vscode.l10n.t('Posts with votes and revenue; needs your company’s Canny API key') },
    { tracker: 'linear', label: 'Linear', detail: vscode.l10n.t('Issues with their customer requests and the customers’ revenue; sign in or use a personal API key') },
    { tracker: 'fider', label: 'Fider', detail: vscode.l10n.t('Posts with votes; needs a collaborator’s or administrator’s API key') },
    { tracker: 'rest', label: 'Feedback Loop REST', detail: vscode.l10n.t('A tracker that follows the Feedback Loop REST contract') },
  ];
  const connected = connection.records().map((record) => record.name);
  // Connections made in other workspaces come first: picked, they are added with their secret, nothing to enter again.
  const known = (await connection.reusable()).map((record): vscode.QuickPickItem & { tracker: 'known'; id: string } => ({
    tracker: 'known',
    id: record.id,
    label: `$(plug) ${singleLineText(record.name)}`,
    description: describe({ source: 'registry', kind: record.kind, record }),
  }));
  const separator = (label: string): vscode.QuickPickItem & { tracker: 'separator' } => ({ tracker: 'separator', label, kind: vscode.QuickPickItemKind.Separator });
  const items = known.length > 0 ? [separator(vscode.l10n.t('Used in other workspaces')), ...known, separator(vscode.l10n.t('New connection')), ...kinds] : kinds;
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Connect a Tracker'),
    placeHolder:
      connected.length > 0
        ? vscode.l10n.t('Connected: {0}. Where does the feedback to add live?', connected.join(', '))
        : vscode.l10n.t('Where does this workspace’s feedback live?'),
    ignoreFocusOut: true,
  });
  switch (picked?.tracker) {
    case 'known':
      await connection.adopt(picked.id);
      return;
    case 'github':
      return connectGithub(connection);
    case 'canny':
      return connectCanny(connection, log);
    case 'fider':
      return connectFider(connection);
    case 'linear':
      return connectLinear(connection, log);
    case 'rest':
      return connectRest(connection);
    case 'separator':
    case undefined:
      return;
  }
}

/**
 * The steps' last one: the connection is added (its secret stored under its
 * own key), after asking when another connection here reaches the same
 * tracker the same way (another account is a reason; a repeat is not); a
 * refusal (a URL no record may hold) is said.
 */
async function finish(connection: ConnectionManager, draft: ConnectionDraft, secret?: string): Promise<void> {
  const same = connection.records().find((record) => sameTracker(record, draft));
  if (same) {
    const add = vscode.l10n.t('Add Another');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('“{0}” already connects to this tracker. Add another connection to it (another account, another key)? To change its token or sign-in, use Manage Connections… → Reconnect.', same.name),
      { modal: true },
      add,
    );
    if (answer !== add) {
      return;
    }
  }
  try {
    // Its root in the Feedback view names it (from the second connection); Manage Connections… renames it.
    await connection.add(draft, secret);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not connect: {0}', describeError(error)));
  }
}

async function connectRest(connection: ConnectionManager): Promise<void> {
  const baseUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect a Tracker (1/2)'),
    prompt: vscode.l10n.t('Base URL of a tracker that follows the Feedback Loop REST contract (its API is under /api/v1)'),
    placeHolder: 'https://feedback.example.com',
    value: readSetting('tracker.baseUrl') || undefined,
    ignoreFocusOut: true,
    validateInput: (value) => (isHttpUrl(value.trim()) ? undefined : vscode.l10n.t('Enter an http:// or https:// URL')),
  });
  if (baseUrl === undefined) {
    return;
  }
  const token = await askRestToken(baseUrl.trim(), vscode.l10n.t('Connect a Tracker (2/2)'));
  if (token === undefined) {
    return;
  }
  await finish(connection, { kind: 'rest', settings: { baseUrl: baseUrl.trim().replace(/\/+$/, '') } }, token);
}

/** The API token of a REST tracker (Connect's step 2, Reconnect's only step). */
export async function askRestToken(baseUrl: string, title: string): Promise<string | undefined> {
  const token = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('API token for {0}. It is kept in VS Code’s secret storage, never in settings.', baseUrl),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the token')),
  });
  return token?.trim();
}

export async function connectGithub(connection: ConnectionManager): Promise<void> {
  const suggested = readSetting('github.repository') || (await originRepository());
  const repository = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect GitHub Issues (1/2)'),
    prompt: vscode.l10n.t('Repository whose issues are your feedback (owner/name). Taken from the origin remote when there is one.'),
    placeHolder: 'owner/name',
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (value) => (REPOSITORY.test(value.trim()) ? undefined : vscode.l10n.t('Enter owner/name, e.g. microsoft/vscode')),
  });
  if (repository === undefined) {
    return;
  }
  // Step 2/2: VS Code's own sign-in (an account chosen when this is a second GitHub connection), or the connection's own token.
  const apiUrl = readSetting('github.apiUrl');
  const signIn = await githubSignIn(githubApiUrl(), connection.records().some((record) => record.kind === 'github'));
  if (!signIn) {
    return;
  }
  // The API URL of the setting, not the environment's (a demo's, which wins anyway while it is set).
  const settings = { repository: repository.trim(), apiUrl, ...(signIn.account ? { account: signIn.account } : {}) };
  await finish(connection, { kind: 'github', settings }, signIn.token);
}

/** The `owner/name` of the first repository's `origin` remote on github.com, if any. */
async function originRepository(): Promise<string> {
  try {
    const extension = vscode.extensions.getExtension<{ getAPI(v: 1): { repositories: { state: { remotes: { name: string; fetchUrl?: string }[] } }[] } }>('vscode.git');
    const api = extension ? (extension.isActive ? extension.exports : await extension.activate()).getAPI(1) : undefined;
    const origin = api?.repositories.flatMap((r) => r.state.remotes).find((r) => r.name === 'origin');
    return (origin?.fetchUrl && githubRepositoryOf(origin.fetchUrl)) || '';
  } catch {
    return ''; // no Git extension (virtual workspace): the user types the repository
  }
}

export async function connectCanny(connection: ConnectionManager, log: Log): Promise<void> {
  const apiKey = await askCannyKey(vscode.l10n.t('Connect Canny (1/3)'));
  if (!apiKey) {
    return;
  }
  log.addSecret(apiKey);
  try {
    const probe = await cannyTracker({}, async () => apiKey, log);
    const boards = await probe.listBoards();
    const board = await vscode.window.showQuickPick([{ label: vscode.l10n.t('All boards'), id: undefined }, ...boards.map((b) => ({ label: b.name, id: b.id }))], {
      title: vscode.l10n.t('Connect Canny (2/3)'),
      placeHolder: vscode.l10n.t('Which board holds your feedback?'),
      ignoreFocusOut: true,
    });
    if (!board) {
      return;
    }
    const email = await vscode.window.showInputBox({
      title: vscode.l10n.t('Connect Canny (3/3)'),
      prompt: vscode.l10n.t('Your e-mail in Canny: replies and status changes are made as you. Leave empty to only read.'),
      ignoreFocusOut: true,
    });
    if (email === undefined) {
      return;
    }
    const author = email.trim() ? await probe.findUser(email.trim()) : undefined;
    await finish(connection, { kind: 'canny', settings: { boardID: board.id, boardName: board.id ? board.label : undefined, authorID: author?.id } }, apiKey);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not connect to Canny: {0}', describeError(error)));
  }
}

/**
 * Linear: the `linear` sign-in when an installed extension provides it, else
 * a personal API key; then the team, then optionally one project or label.
 * The key is stored only once Linear has accepted it (the teams are its probe).
 */
export async function connectLinear(connection: ConnectionManager, log: Log): Promise<void> {
  const token = await linearToken();
  if (!token) {
    return;
  }
  const { linearClient } = await linearClientModule();
  try {
    const http = await linearClient({ log }, token);
    const { listLinearTeams } = await linearModule();
    const teams = await listLinearTeams(http);
    if (teams.length === 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not connect to Linear: this account sees no team.'));
      return;
    }
    const team = await vscode.window.showQuickPick(
      teams.map((t) => ({ label: t.name, description: t.key, id: t.id })),
      { title: vscode.l10n.t('Connect Linear (2/3)'), placeHolder: vscode.l10n.t('Which team’s issues are your feedback?'), ignoreFocusOut: true },
    );
    if (!team) {
      return;
    }
    const narrowed = await pickLinearScope(http, team.id);
    if (!narrowed) {
      return;
    }
    // A sign-in's token is VS Code's to keep; an API key is the connection's.
    await finish(connection, { kind: 'linear', settings: { teamId: team.id, teamName: team.label, ...narrowed.scope } }, token.oauth ? undefined : token.value);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not connect to Linear: {0}', describeError(error)));
  }
}

/** The `linear` sign-in when an installed extension provides it, else a personal API key (Connect's step 1, Reconnect's only step). */
export async function linearToken(): Promise<LinearToken | undefined> {
  const { linearProviderInstalled } = await linearClientModule();
  return linearProviderInstalled() ? linearSignIn() : linearApiKey();
}

/** VS Code's `linear` sign-in (asked for when nobody is signed in); undefined when the user declines. */
async function linearSignIn(): Promise<LinearToken | undefined> {
  const { linearSession } = await linearClientModule();
  const session = (await linearSession(false)) ?? (await linearSession(true));
  return session && { value: session.accessToken, oauth: true };
}

async function linearApiKey(): Promise<LinearToken | undefined> {
  const key = (await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect Linear (1/3)'),
    prompt: vscode.l10n.t(
      'Linear personal API key (Settings → Security & access in Linear). It can read and write everything you can in Linear; it is kept in VS Code’s secret storage and sent only to api.linear.app.',
    ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (/^[\x21-\x7e]{8,200}$/.test(value.trim()) ? undefined : vscode.l10n.t('Enter the API key')),
  }))?.trim();
  return key ? { value: key, oauth: false } : undefined;
}

type LinearScope = Omit<LinearSettings, 'teamId' | 'teamName'>;

/** All of the team's issues (first), or those of one project or one label; undefined when cancelled. */
async function pickLinearScope(http: HttpClient, teamId: string): Promise<{ scope: LinearScope } | undefined> {
  const { listLinearLabels, listLinearProjects } = await linearModule();
  const [projects, labels] = await Promise.all([listLinearProjects(http, teamId), listLinearLabels(http, teamId)]);
  const group = (label: string, all: LinearNamed[], kind: 'project' | 'label') => [
    ...(all.length > 0 ? [{ label, kind: vscode.QuickPickItemKind.Separator }] : []),
    ...all.map((n) => ({ label: n.name, scope: kind === 'project' ? { projectId: n.id, projectName: n.name } : { labelId: n.id, labelName: n.name } })),
  ];
  const picked = await vscode.window.showQuickPick<vscode.QuickPickItem & { scope?: LinearScope }>(
    [{ label: vscode.l10n.t('All issues of the team'), scope: {} }, ...group(vscode.l10n.t('Projects'), projects, 'project'), ...group(vscode.l10n.t('Labels'), labels, 'label')],
    { title: vscode.l10n.t('Connect Linear (3/3)'), placeHolder: vscode.l10n.t('Only the issues of one project or label?'), ignoreFocusOut: true, matchOnDescription: true },
  );
  return picked?.scope && { scope: picked.scope };
}

/** Canny's API key, after saying what it gives access to (Connect's step 1, Reconnect's only step). */
export async function askCannyKey(title: string): Promise<string | undefined> {
  const understood = vscode.l10n.t('I Understand');
  const warned = await vscode.window.showWarningMessage(
    vscode.l10n.t('A Canny API key is a company-wide secret'),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Anyone holding it can read and change all of your company’s Canny data: every board, post, comment and user. It is kept in VS Code’s secret storage on this machine and sent only to canny.io. Ask your Canny administrator before using it here.',
      ),
    },
    understood,
  );
  if (warned !== understood) {
    return undefined;
  }
  return (await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Canny secret API key (Settings → API & Webhooks in Canny)'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (/^[\x21-\x7e]{8,200}$/.test(value.trim()) ? undefined : vscode.l10n.t('Enter the API key')),
  }))?.trim();
}

export async function connectFider(connection: ConnectionManager): Promise<void> {
  const baseUrl = (await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect Fider (1/2)'),
    prompt: vscode.l10n.t('Address of your Fider site'),
    placeHolder: 'https://feedback.example.com',
    value: readSetting('fider.baseUrl') || undefined,
    ignoreFocusOut: true,
    validateInput: (value) => (isHttps(value.trim()) ? undefined : vscode.l10n.t('Enter an https:// URL')),
  }))?.trim().replace(/\/+$/, '');
  if (!baseUrl) {
    return;
  }
  const key = await askFiderKey(vscode.l10n.t('Connect Fider (2/2)'));
  if (!key) {
    return;
  }
  await finish(connection, { kind: 'fider', settings: { baseUrl } }, key);
}

/** A Fider API key (Connect's step 2, Reconnect's only step). */
export async function askFiderKey(title: string): Promise<string | undefined> {
  return (await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('API key of a collaborator or administrator (My Settings → API in Fider). Kept in VS Code’s secret storage.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the API key')),
  }))?.trim();
}

function isHttps(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false; // not a URL: the answer, not an error
  }
}
