// The settings of the external trackers (features/connection), spread into
// settingSchemas.ts. API URLs are machine-scoped and restricted in untrusted
// workspaces, so a cloned repository cannot send a token elsewhere.
import * as z from 'zod/mini';
import { statusSchema } from '../core/model';

const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;

/** https, or http on this machine only (a local Fider or a test server). */
const httpsUrl = z.string().check(
  z.trim(),
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
    } catch {
      return false; // not a URL: the answer, not an error
    }
  }, 'must be an https:// URL'),
);

export const trackerSettingSchemas = {
  'github.repository': z.string().check(z.trim(), z.refine((v) => v === '' || REPOSITORY.test(v), 'must be owner/name')),
  'github.apiUrl': httpsUrl,
  'github.statusLabels': z.object({
    'under-review': z.string().check(z.trim(), z.minLength(1), z.maxLength(50)),
    planned: z.string().check(z.trim(), z.minLength(1), z.maxLength(50)),
    'in-progress': z.string().check(z.trim(), z.minLength(1), z.maxLength(50)),
  }),
  'fider.baseUrl': z.string().check(z.trim(), z.refine((v) => v === '' || httpsUrl.safeParse(v).success, 'must be an https:// URL')),
  // Names as Linear spells them, untrimmed: Linear filters states by the exact name.
  'linear.statusOverrides': z.record(z.string().check(z.minLength(1), z.maxLength(100)), statusSchema),
} as const;

export const trackerSettingDefaults: { [K in keyof typeof trackerSettingSchemas]: z.infer<(typeof trackerSettingSchemas)[K]> } = {
  'github.repository': '',
  'github.apiUrl': 'https://api.github.com',
  'github.statusLabels': { 'under-review': 'under review', planned: 'planned', 'in-progress': 'in progress' },
  'fider.baseUrl': '',
  'linear.statusOverrides': {},
};
