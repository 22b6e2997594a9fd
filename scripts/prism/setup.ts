// Installs (once, cached) Prism, GitHub's OpenAPI description and
// @octokit/fixtures into .vscode-test/prism-<version>/ through npm, then cuts
// the operations we call out of the description. Works offline once done.
// Run: npx tsx scripts/prism/setup.ts (the contract tests call it too).
import * as fs from 'node:fs';
import { run } from '../realVscode/processes';
import { fixturesDir, fullSpec, githubPaths, githubSpec, prismCli, prismDir, readyStamp, versions } from './paths';

type Log = (message: string) => void;

function isReady(): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(readyStamp, 'utf8')) as unknown;
    return JSON.stringify(stamp) === JSON.stringify(versions) && fs.existsSync(prismCli) && fs.existsSync(githubSpec) && fs.existsSync(fixturesDir);
  } catch {
    return false; // missing or half-written: install again
  }
}

interface OpenApi {
  openapi: string;
  info: unknown;
  servers?: unknown;
  paths: Record<string, unknown>;
}

/** The operations we call, with everything they reference already inlined (the `deref` description). */
function cutSpec(): void {
  const spec = JSON.parse(fs.readFileSync(fullSpec, 'utf8')) as OpenApi;
  const paths: Record<string, unknown> = {};
  for (const p of githubPaths) {
    if (!spec.paths[p]) {
      throw new Error(`GitHub's OpenAPI description ${versions.openapi} has no ${p}`);
    }
    paths[p] = spec.paths[p];
  }
  fs.writeFileSync(githubSpec, JSON.stringify({ openapi: spec.openapi, info: spec.info, servers: spec.servers, paths: unwrapExamples(paths) }));
}

/**
 * GitHub's description writes `examples.default.value: { $ref: '#/components/examples/issue' }`,
 * a ref to a whole Example object, so the dereferenced value is `{ value: <issue> }`
 * and Prism would answer with that wrapper. Unwrap it: the example is the issue.
 */
function unwrapExamples(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(unwrapExamples);
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'examples' && typeof value === 'object' && value !== null ? unwrapExampleMap(value as Record<string, unknown>) : unwrapExamples(value);
  }
  return out;
}

function unwrapExampleMap(examples: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, example] of Object.entries(examples)) {
    const inner = (example as { value?: unknown }).value;
    const wrapped = typeof inner === 'object' && inner !== null && !Array.isArray(inner) && Object.keys(inner).every((k) => ['value', 'summary', 'description'].includes(k) || k.startsWith('x-')) && 'value' in inner;
    out[name] = wrapped ? { ...(example as object), value: (inner as { value: unknown }).value } : example;
  }
  return out;
}

export async function ensurePrism(log: Log = (m) => console.log(`[prism] ${m}`)): Promise<void> {
  if (isReady()) {
    return;
  }
  const started = Date.now();
  fs.mkdirSync(prismDir, { recursive: true });
  fs.rmSync(readyStamp, { force: true });
  const manifest = { name: 'feedback-loop-contract-tools', private: true };
  fs.writeFileSync(`${prismDir}/package.json`, JSON.stringify(manifest, null, 2) + '\n');
  log(`Installing @stoplight/prism-cli@${versions.prism}, @octokit/openapi@${versions.openapi}, @octokit/fixtures@${versions.fixtures} into ${prismDir}…`);
  const packages = [`@stoplight/prism-cli@${versions.prism}`, `@octokit/openapi@${versions.openapi}`, `@octokit/fixtures@${versions.fixtures}`];
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts', '--save-exact', ...packages], { cwd: prismDir });
  cutSpec();
  fs.writeFileSync(readyStamp, JSON.stringify(versions) + '\n');
  log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

if (require.main === module) {
  ensurePrism().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
