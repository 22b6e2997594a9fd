// Typed settings: every value read is validated, and a bad value is reported
// with the setting's name instead of silently breaking a feature.
import * as vscode from 'vscode';
import { describeIssues } from '../core/validation';
import { defaults, SECTION, settingSchemas } from './settingSchemas';
import type { SettingKey, SettingValue } from './settingSchemas';

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
