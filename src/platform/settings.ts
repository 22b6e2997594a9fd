// Typed settings: every value read is validated, and a bad value is reported
// with the setting's name instead of silently breaking a feature.
import * as vscode from 'vscode';
import * as z from 'zod';
import { describeIssues } from '../core/validation';

const SECTION = 'feedbackLoop';

const httpUrl = z
  .string()
  .trim()
  .refine((value) => value === '' || isHttpUrl(value), 'must be an http:// or https:// URL');

export const settingSchemas = {
  'tracker.baseUrl': httpUrl,
  'tracker.requestTimeoutSeconds': z.number().min(1).max(300),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

const defaults: { [K in SettingKey]: SettingValue<K> } = {
  'tracker.baseUrl': '',
  'tracker.requestTimeoutSeconds': 15,
};

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Reads a setting; an invalid value falls back to the default and is reported once through `onInvalid`. */
export function readSetting<K extends SettingKey>(key: K, onInvalid?: (message: string) => void): SettingValue<K> {
  const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>(key);
  if (raw === undefined) {
    return defaults[key];
  }
  const result = settingSchemas[key].safeParse(raw);
  if (result.success) {
    return result.data as SettingValue<K>;
  }
  onInvalid?.(`Setting ${SECTION}.${key}: ${describeIssues(result.error).join('; ')}. Using the default.`);
  return defaults[key];
}

export async function writeSetting<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

export function affects(event: vscode.ConfigurationChangeEvent, key: SettingKey): boolean {
  return event.affectsConfiguration(`${SECTION}.${key}`);
}
