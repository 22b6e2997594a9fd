// The settings the extension reads, as zod schemas with their defaults. Kept
// free of vscode so that plain-Node tests can check them against package.json.
import * as z from 'zod/mini';
import { closeLoopSettingDefaults, closeLoopSettingSchemas } from '../core/closeLoop/settings';
import { linkSettingDefaults, linkSettingSchemas } from './linkSettingSchemas';
import { trackerSettingDefaults, trackerSettingSchemas } from './trackerSettingSchemas';

export const SECTION = 'feedbackLoop';

const httpUrl = z.string().check(z.trim(), z.refine((value) => value === '' || isHttpUrl(value), 'must be an http:// or https:// URL'));

export const settingSchemas = {
  'tracker.baseUrl': httpUrl,
  'tracker.requestTimeoutSeconds': z.number().check(z.gte(1), z.lte(300)),
  refreshIntervalMinutes: z.number().check(z.gte(0), z.lte(1440)),
  offlineSnapshotMegabytes: z.number().check(z.gte(0), z.lte(500)),
  'impact.codeLens': z.boolean(),
  ...linkSettingSchemas,
  ...trackerSettingSchemas,
  ...closeLoopSettingSchemas,
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

export const defaults: { [K in SettingKey]: SettingValue<K> } = {
  'tracker.baseUrl': '',
  'tracker.requestTimeoutSeconds': 15,
  refreshIntervalMinutes: 5,
  offlineSnapshotMegabytes: 20,
  'impact.codeLens': true,
  ...linkSettingDefaults,
  ...trackerSettingDefaults,
  ...closeLoopSettingDefaults,
};

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false; // not a URL: the answer, not an error
  }
}

