// A small git repository to open in the demo and the e2e tests: a few source
// files and six commits whose messages mention feedback items the way teams do
// (`FB-12` in the subject, a `Feedback: rest:FB-3` trailer). Fixed author and
// dates make every run produce the same commit ids.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from './processes';

interface SampleCommit {
  readonly message: string;
  readonly files: Readonly<Record<string, string>>;
}

const commits: readonly SampleCommit[] = [
  {
    message: 'Start the invoice exporter',
    files: {
      'README.md': '# Acme Billing\n\nExports invoices for the finance team.\n',
      'src/export.ts': 'export function exportInvoices(rows: string[][]): string {\n  return rows.map((r) => r.join(",")).join("\\n");\n}\n',
    },
  },
  {
    message: 'Quote CSV fields that hold commas (FB-12)',
    files: {
      'src/export.ts':
        'const quote = (field: string) => (/[",\\n]/.test(field) ? `"${field.replace(/"/g, \'""\')}"` : field);\n\n' +
        'export function exportInvoices(rows: string[][]): string {\n  return rows.map((r) => r.map(quote).join(",")).join("\\n");\n}\n',
    },
  },
  {
    message: 'Add dark mode tokens to the dashboard\n\nCustomers asked for this on the tracker.\n\nFeedback: rest:FB-3',
    files: { 'src/theme.ts': 'export const dark = { background: "#1e1e1e", foreground: "#d4d4d4" };\n' },
  },
  {
    message: 'Retry webhook deliveries with backoff\n\nFeedback: rest:FB-5\nFeedback: rest:FB-12',
    files: {
      'src/webhooks.ts':
        'export async function deliver(send: () => Promise<void>, attempts = 5): Promise<void> {\n' +
        '  for (let i = 0; ; i++) {\n    try {\n      return await send();\n    } catch (error) {\n' +
        '      if (i + 1 >= attempts) {\n        throw error;\n      }\n      await new Promise((r) => setTimeout(r, 2 ** i * 100));\n    }\n  }\n}\n',
    },
  },
  {
    message: 'Keep export under 2 s for 10k rows (trade-off for FB-7)',
    files: { 'src/limits.ts': '// Large exports stream in pages of 1,000 rows.\nexport const EXPORT_PAGE_SIZE = 1000;\n' },
  },
  {
    message: 'Document the export format',
    files: { 'docs/export.md': '# Export format\n\nCSV, UTF-8, RFC 4180 quoting. See FB-12.\n' },
  },
];

function gitEnv(index: number): NodeJS.ProcessEnv {
  const date = new Date(Date.UTC(2026, 0, 5 + index, 10, 0, 0)).toISOString();
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'Ada Example',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Example',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    // Ignore the machine's git config (hooks, signing, templates).
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

/** Creates the repository at `dir` unless it already has commits; returns `dir`. */
export async function ensureSampleWorkspace(dir: string): Promise<string> {
  if (fs.existsSync(path.join(dir, '.git', 'HEAD'))) {
    return dir;
  }
  fs.mkdirSync(dir, { recursive: true });
  const git = (args: string[], index = 0) => run('git', args, { cwd: dir, env: gitEnv(index), capture: true });
  await git(['init', '--quiet', '--initial-branch=main']);
  // A configured identity, as a developer's clone has: trade-offs and commits made in the demo name her.
  await git(['config', 'user.name', 'Ada Example']);
  await git(['config', 'user.email', 'ada@example.com']);
  for (const [index, commit] of commits.entries()) {
    for (const [file, content] of Object.entries(commit.files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    await git(['add', '--all'], index);
    await git(['commit', '--quiet', '--no-verify', '-m', commit.message], index);
  }
  return dir;
}
