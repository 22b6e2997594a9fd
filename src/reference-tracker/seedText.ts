// Word pools for the sample data: what real SaaS feedback looks like, with
// accents, CJK, emoji and right-to-left text so that rendering is exercised.

export const TAGS = [
  'export', 'sso', 'api', 'billing', 'mobile', 'performance', 'integrations', 'reporting',
  'permissions', 'notifications', 'search', 'onboarding', 'accessibility', 'security', 'ui',
] as const;

/** Concrete titles, used first so the top of the list reads like a real tracker. */
export const TITLES = [
  'SSO with Okta (SAML 2.0)',
  'Dark mode for the dashboard',
  'Export reports to CSV and Excel',
  'Bug: CSV export drops rows that contain emoji',
  'Webhook retries should back off exponentially',
  'Audit log of permission changes',
  'Bulk edit tags on many tickets at once',
  'Two-factor authentication with hardware keys (WebAuthn)',
  'Slack notifications when a deal changes stage',
  'Custom fields on contacts',
  'Public API rate limit is too low for nightly syncs',
  'Invoices in EUR with reverse-charge VAT',
  'Keyboard shortcuts for triage',
  'Bug: timezone shown as UTC in weekly digest',
  'Salesforce two-way sync',
  'Role-based access for read-only auditors',
  'Mobile app: offline mode',
  'Search ignores accents (café vs cafe)',
  'Scheduled report emails',
  'Zapier integration',
  'SCIM user provisioning',
  'Dashboard loads slowly with more than 10k rows',
  'Let admins restrict sign-ups to our email domain',
  'Bug: pagination repeats the last row on page 2',
  'Markdown support in comments',
  'Screen reader labels on chart widgets',
  'Data residency in the EU',
  'Merge duplicate contacts',
  'Undo for deleted projects',
  'GraphQL API',
  'Right-to-left layout for Arabic and Hebrew',
  'Import from Jira',
  'Usage-based billing alerts',
  'Bug: 500 error when uploading a PDF over 20 MB',
  'Team-level notification preferences',
  'Custom domain for the help center',
  'Show revenue per account in the pipeline view',
  'Recurring tasks',
  'Fine-grained API tokens with scopes',
  'Better onboarding checklist for new workspaces',
] as const;

const VERBS = ['Export', 'Filter', 'Archive', 'Share', 'Duplicate', 'Schedule', 'Bulk delete', 'Sort', 'Comment on', 'Pin'];
const OBJECTS = [
  'invoices', 'dashboards', 'saved views', 'projects', 'contacts', 'reports', 'workflows', 'tickets',
  'forms', 'segments', 'templates', 'milestones', 'roadmaps', 'workspaces', 'audit events',
];
const PLACES = ['from the mobile app', 'via the API', 'in the admin console', 'from Slack', 'in bulk', 'per team'];

export function composedTitle(index: number): string {
  const verb = VERBS[index % VERBS.length] ?? 'Export';
  const object = OBJECTS[Math.floor(index / VERBS.length) % OBJECTS.length] ?? 'reports';
  const place = PLACES[Math.floor(index / (VERBS.length * OBJECTS.length)) % PLACES.length] ?? 'in bulk';
  return `${verb} ${object} ${place}`;
}

const COMPANY_FIRST = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Soylent',
  'Tyrell', 'Cyberdyne', 'Aperture', 'Massive', 'Pied Piper', 'Nakatomi', 'Oceanic', 'Gringotts',
  'Müller & Söhne', 'Société Lumière', 'Øresund', 'さくら', 'Nordwind', 'Blue Harbor',
];
const COMPANY_SECOND = ['Analytics', 'Health', 'Logistics', 'Labs', 'Systems', 'Retail', 'Capital', 'Media', 'Foods', 'Energy'];

/** `count` distinct company names. */
export function companyNames(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const first = COMPANY_FIRST[i % COMPANY_FIRST.length] ?? 'Acme';
    const second = COMPANY_SECOND[(i * 7 + Math.floor(i / COMPANY_FIRST.length)) % COMPANY_SECOND.length] ?? 'Labs';
    names.push(`${first} ${second}`);
  }
  return names;
}

export const FIRST_NAMES = [
  'Ana', 'José', 'Zoë', 'Łukasz', 'Mei', 'Ahmed', 'Priya', 'Olu', 'Sven', 'Chloé', 'Kenji', 'Fatima',
  'Liam', 'Noa', 'Mateo', 'Ingrid', 'Aarav', 'Siobhan', 'Dmitri', 'Yuki', 'Grace', 'Tomás', 'Leila', 'Ben',
];
export const LAST_NAMES = [
  'García', 'Nguyen', 'Kowalski', 'Chen', 'Haddad', 'Patel', 'Okafor', 'Lindqvist', 'Dubois', 'Tanaka',
  'Al-Sayed', 'Murphy', 'Cohen', 'Rossi', 'Berg', "O'Brien", 'Ivanova', 'Sato', 'Müller', 'Silva',
];
export const TEAM_NAMES = ['Sam (Support)', 'Riley (Product)', 'Jordan (Engineering)', 'Avery (Success)', 'Morgan (Design)'];

export const PARAGRAPHS = [
  'We run a weekly review with finance and this is the one thing that still needs a spreadsheet.',
  'Our admins asked for this three times this quarter; it blocks the rollout to the **sales team**.',
  'Today we work around it with a script, which breaks whenever the *export format* changes.',
  'Café owners in Zürich and São Paulo both hit this: accents such as é, ñ, ü and ø must survive.',
  '我们的团队需要批量导出数据，目前只能一条一条地处理。',
  'نحتاج إلى تصدير البيانات كل أسبوع دون خطوات يدوية.',
  'אנחנו צריכים את זה לפני סוף הרבעון.',
  'This would save us hours every week 🚀🔥 — honestly the #1 request from our ops people 🙏',
  'Steps to reproduce: open the report, pick last quarter, press Export. Expected all rows; got 1,998 of 2,000.',
  'Security review flagged this; our auditors need evidence before renewal in Q3.',
  'Competitors already offer it, and two prospects mentioned it in their trial feedback.',
  'Not urgent for us, but it would make onboarding new hires much smoother.',
];

export const CODE_BLOCKS = [
  '```json\n{ "event": "deal.updated", "retry": 3, "backoff": "exponential" }\n```',
  '```bash\ncurl -H "Authorization: Bearer $TOKEN" https://api.example.com/v2/reports?format=csv\n```',
  '```ts\nconst rows = await client.reports.export({ from: "2024-01-01", format: "csv" });\n```',
  '```\nError: 500 Internal Server Error (request id 7f3c9a)\n```',
];

export const LINKS = [
  'See [the RFC](https://example.com/rfc/7644) for SCIM.',
  'Similar to [how Linear does it](https://linear.app/docs).',
  'Screenshot: [dashboard.png](https://example.com/uploads/dashboard.png)',
];

export const LIST_BLOCKS = [
  '- works for admins\n- fails for members\n- fails on mobile',
  '1. Open settings\n2. Choose *Billing*\n3. Nothing happens',
  '- [ ] CSV\n- [ ] XLSX\n- [x] PDF',
];

export const COMMENTS_CUSTOMER = [
  '+1, we need this too.',
  'Any update on this? Our renewal is next month.',
  'Same issue here with 👍 and 🎉 in names.',
  'Workaround: export per month and merge — painful but works.',
  'Would pay extra for this.',
  '这对我们非常重要。',
  'Merci ! Ça nous aiderait beaucoup.',
];

export const COMMENTS_TEAM = [
  'Thanks for the detail — we have added this to the roadmap discussion.',
  'Reproduced on staging; see the stack trace in the linked issue.',
  'Internal: two enterprise accounts blocked on this, worth prioritising.',
  'Shipped behind a feature flag; let us know how it works for you.',
  'Merged as a duplicate of a similar request; votes carried over.',
  '```\nSELECT count(*) FROM exports WHERE status = \'failed\';\n```\nAbout 2% of exports fail.',
];
