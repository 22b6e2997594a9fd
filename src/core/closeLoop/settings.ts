// The close-the-loop settings as zod schemas (spread into
// platform/settingSchemas.ts): the template is checked for unknown
// placeholders when read, so a bad one is reported with the setting's name.
import * as z from 'zod/mini';
import { DEFAULT_TEMPLATE, templateProblem } from './template';

export const SHIPPED_WHEN = ['merged', 'tagged'] as const;
export type ShippedWhen = (typeof SHIPPED_WHEN)[number];

export const closeLoopSettingSchemas = {
  'closeLoop.template': z.string().check(
    z.minLength(1),
    z.maxLength(5_000),
    z.superRefine((template, ctx) => {
      const problem = templateProblem(template);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
      }
    }),
  ),
  'closeLoop.shippedWhen': z.enum(SHIPPED_WHEN),
  'closeLoop.offerNotifications': z.boolean(),
} as const;

export const closeLoopSettingDefaults: { [K in keyof typeof closeLoopSettingSchemas]: z.infer<(typeof closeLoopSettingSchemas)[K]> } = {
  'closeLoop.template': DEFAULT_TEMPLATE,
  'closeLoop.shippedWhen': 'merged',
  'closeLoop.offerNotifications': true,
};
