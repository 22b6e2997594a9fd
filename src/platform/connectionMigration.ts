// The migration's caller: reads the machine settings that named a host
// before the registry and hands them, with the workspace's stored choice and
// secrets, to the store. Run once at activation, before the connections are
// read (docs/notes/multi-connection.md); the store makes a second run a no-op.
import type { LegacySettings } from '../core/connections/migration';
import type { ConnectionStore, MigrationReport } from './connectionStore';
import type { Log } from './log';
import { readSetting } from './settings';

/** The settings as connectionManager read them: validated, '' when unset; the environment's URLs (demos, tests) left out. */
export function legacySettings(warn: (message: string) => void): LegacySettings {
  return {
    restBaseUrl: readSetting('tracker.baseUrl', warn),
    githubApiUrl: readSetting('github.apiUrl', warn),
    fiderBaseUrl: readSetting('fider.baseUrl', warn),
  };
}

export async function migrateConnections(store: ConnectionStore, log: Pick<Log, 'info' | 'warn'>): Promise<MigrationReport> {
  const report = await store.migrate(legacySettings((message) => log.warn(message)));
  if ('record' in report) {
    log.info(`Connection registry: the connection of this workspace is now ${JSON.stringify(report.record.name)} (${report.record.id}, ${report.outcome}).`);
  }
  return report;
}
