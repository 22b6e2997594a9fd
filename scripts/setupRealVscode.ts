// `npx tsx scripts/setupRealVscode.ts`: installs (once) what the e2e tests and the
// demo need to run the extension in a real VS Code. See ../shared/docs/REAL-VSCODE.md.
import { ensureRealVscode } from './realVscode/setup';

ensureRealVscode().catch((error: unknown) => {
  console.error(`[setup] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
