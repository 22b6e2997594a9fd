// The settings of commit links (features/commitLinks), spread into
// settingSchemas.ts: patterns are compiled, checked for catastrophic
// backtracking and combined before use, so a bad one is reported with the
// setting's name instead of breaking every hover (or activation).
import * as z from 'zod/mini';
import { combinePatterns } from '../core/referencePatterns';
import { DEFAULT_BRANCH_TEMPLATE, DEFAULT_PATTERNS, DEFAULT_TRAILER_KEY, patternProblem, referenceSources } from '../core/references';
import { TRAILER_KEY } from '../core/trailers';
import { backtrackingProblem } from './patternSafety';

export const DEMAND_DISPLAYS = ['statusBar', 'codeLens', 'off'] as const;
export type DemandDisplay = (typeof DEMAND_DISPLAYS)[number];

const pattern = z.string().check(
  z.superRefine((source, ctx) => {
    // Our defaults are checked by a test; only the user's own patterns load the checker (a bundle of its own).
    const problem = patternProblem(source) ?? (DEFAULT_PATTERNS.includes(source) ? undefined : backtrackingProblem(source));
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `pattern ${JSON.stringify(source)}: ${problem}` });
    }
  }),
);

/**
 * The patterns as the matcher combines them (with an item URL prefix, as a
 * connected tracker adds one): the first pattern after which the combination
 * no longer compiles, and why. combinePatterns keeps valid patterns valid
 * together; this is what makes that a checked fact rather than a hope.
 */
export function combinationProblem(patterns: readonly string[]): string | undefined {
  const prefixes = ['https://tracker.invalid/items/'];
  for (let n = 1; n <= patterns.length; n++) {
    try {
      new RegExp(combinePatterns(referenceSources({ patterns: patterns.slice(0, n), itemUrlPrefixes: prefixes })).source, 'gu');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return `pattern ${JSON.stringify(patterns[n - 1])} does not combine with the patterns before it: ${reason}`;
    }
  }
  return undefined;
}

const patterns = z.array(pattern).check(
  z.maxLength(20),
  z.superRefine((sources, ctx) => {
    const problem = combinationProblem(sources);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  }),
);

export const linkSettingSchemas = {
  'links.referencePatterns': patterns,
  'links.referencePrefix': z.string().check(z.trim(), z.minLength(1), z.maxLength(10)),
  'links.trailerKey': z.string().check(z.trim(), z.regex(TRAILER_KEY, 'letters, digits and dashes, as git reads trailer keys')),
  'links.branchTemplate': z.string().check(z.trim(), z.minLength(1), z.maxLength(100), z.refine((t) => t.includes('<id>'), 'must contain <id>')),
  'links.demandDisplay': z.enum(DEMAND_DISPLAYS),
  'links.maxScanCommits': z.number().check(z.int(), z.gte(100), z.lte(1_000_000)),
} as const;

export const linkSettingDefaults: { [K in keyof typeof linkSettingSchemas]: z.infer<(typeof linkSettingSchemas)[K]> } = {
  'links.referencePatterns': [...DEFAULT_PATTERNS],
  'links.referencePrefix': 'FB-',
  'links.trailerKey': DEFAULT_TRAILER_KEY,
  'links.branchTemplate': DEFAULT_BRANCH_TEMPLATE,
  'links.demandDisplay': 'statusBar',
  'links.maxScanCommits': 50_000,
};
