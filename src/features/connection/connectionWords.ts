// What a connection is, in words, after its name: its kind and where it
// reads (a host, a repository, a board). Shared by Manage Connections… and
// Connect a Tracker… (which offers other workspaces' connections), in the
// connect steps' bundle (dist/connect.js).
import * as vscode from 'vscode';
import type { ConnectionKind } from '../../core/connections/registry';
import { singleLineText } from '../../core/displayText';
import type { Connection } from './connectionManager';

const KIND_LABELS: Readonly<Record<ConnectionKind, string>> = { rest: 'Feedback Loop REST', github: 'GitHub Issues', canny: 'Canny', fider: 'Fider', linear: 'Linear' };

/** A connection of this workspace, or a known one's record (source `registry`). */
type Described = Pick<Connection, 'source' | 'kind' | 'record'>;

/** What a connection is, after its name: its kind and where it reads (a host, a repository, a board). */
export function describe(c: Described): string {
  const where = whereOf(c);
  const kind = c.source === 'sample' ? vscode.l10n.t('sample data') : KIND_LABELS[c.kind];
  return singleLineText(where ? `${kind} · ${where}` : kind);
}

function whereOf(c: Described): string | undefined {
  const record = c.record;
  switch (record?.kind) {
    case 'rest':
    case 'fider':
      return hostOf(record.settings.baseUrl);
    case 'github':
      return record.settings.account ? `${record.settings.repository} · ${record.settings.account.label}` : record.settings.repository;
    case 'canny':
      return record.settings.boardName;
    case 'linear':
      return record.settings.projectName ?? record.settings.labelName ?? record.settings.teamName;
    case undefined:
      return c.source === 'environment' ? vscode.l10n.t('from the environment') : undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url; // not a URL: shown as it is
  }
}

