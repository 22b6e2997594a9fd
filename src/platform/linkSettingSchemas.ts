// The settings of commit links (features/commitLinks), spread into
// settingSchemas.ts: patterns are compiled and tried before use, so a bad
// one is reported with the setting's name instead of breaking every hover.
import * as z from 'zod';
import { DEFAULT_BRANCH_TEMPLATE, DEFAULT_PATTERNS, DEFAULT_TRAILER_KEY, patternProblem } from '../core/references';
import { TRAILER_KEY } from '../core/trailers';

export const DEMAND_DISPLAYS = ['statusBar', 'codeLens', 'off'] as const;
export type DemandDisplay = (typeof DEMAND_DISPLAYS)[number];

const pattern = z.string().superRefine((source, ctx) => {
  const problem = patternProblem(source);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: `pattern ${JSON.stringify(source)}: ${problem}` });
  }
});

export const linkSettingSchemas = {
  'links.referencePatterns': z.array(pattern).max(20),
  'links.referencePrefix': z.string().trim().min(1).max(10),
  'links.trailerKey': z.string().trim().regex(TRAILER_KEY, 'letters, digits and dashes, as git reads trailer keys'),
  'links.branchTemplate': z.string().trim().min(1).max(100).refine((t) => t.includes('<id>'), 'must contain <id>'),
  'links.demandDisplay': z.enum(DEMAND_DISPLAYS),
  'links.maxScanCommits': z.number().int().min(100).max(1_000_000),
} as const;

export const linkSettingDefaults: { [K in keyof typeof linkSettingSchemas]: z.infer<(typeof linkSettingSchemas)[K]> } = {
  'links.referencePatterns': [...DEFAULT_PATTERNS],
  'links.referencePrefix': 'FB-',
  'links.trailerKey': DEFAULT_TRAILER_KEY,
  'links.branchTemplate': DEFAULT_BRANCH_TEMPLATE,
  'links.demandDisplay': 'statusBar',
  'links.maxScanCommits': 50_000,
};
