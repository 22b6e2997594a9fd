// The settings of commit links, read through platform/settings.ts (validated
// with zod there; a bad value is reported once and the default used).
import type * as vscode from 'vscode';
import type { DemandDisplay } from '../../platform/linkSettingSchemas';
import { readSetting } from '../../platform/settings';

export interface LinkSettings {
  readonly referencePatterns: readonly string[];
  readonly referencePrefix: string;
  readonly trailerKey: string;
  readonly branchTemplate: string;
  readonly demandDisplay: DemandDisplay;
  readonly maxScanCommits: number;
}

export function readLinkSettings(onInvalid: (message: string) => void): LinkSettings {
  return {
    referencePatterns: readSetting('links.referencePatterns', onInvalid),
    referencePrefix: readSetting('links.referencePrefix', onInvalid),
    trailerKey: readSetting('links.trailerKey', onInvalid),
    branchTemplate: readSetting('links.branchTemplate', onInvalid),
    demandDisplay: readSetting('links.demandDisplay', onInvalid),
    maxScanCommits: readSetting('links.maxScanCommits', onInvalid),
  };
}

export function affectsLinkSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('feedbackLoop.links');
}
