// `npm run screenshots`: takes the pictures of the walkthrough and the README
// in a real VS Code (test/e2e/screenshots.e2e.ts, code-server + Chromium), then
// copies them to docs/images/ (README, not packaged) and media/walkthrough/
// (packaged: reduced to a palette when ImageMagick is there, and checked small).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, testResultsDir } from './realVscode/paths';

/** Where the e2e file saves its shots (its SHOTS_DIR). */
const shotsDir = path.join(testResultsDir, 'screenshots');
const docsDir = path.join(repoRoot, 'docs', 'images');
const walkthroughDir = path.join(repoRoot, 'media', 'walkthrough');
const MAX_WIDTH = 700;
const MAX_WALKTHROUGH_BYTES = 400 * 1024;

function takeShots(): void {
  const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const result = spawnSync(process.execPath, [mocha, '--config', 'test/e2e/.mocharc.json', 'test/e2e/screenshots.e2e.ts'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`The screenshot run failed (exit ${String(result.status)})`);
  }
}

/** Width from the PNG header (IHDR starts at byte 16). */
function pngWidth(file: string): number {
  return fs.readFileSync(file).readUInt32BE(16);
}

/** A palette PNG is a third of the size and reads the same for UI pictures; plain copy without ImageMagick. */
function compact(from: string, to: string): void {
  const converted = spawnSync('convert', [from, '-strip', '-colors', '256', `PNG8:${to}`], { stdio: 'ignore' });
  if (converted.status !== 0) {
    fs.copyFileSync(from, to);
  }
}

function main(): void {
  if (process.argv[2] !== '--copy-only') {
    takeShots();
  }
  const shots = fs.readdirSync(shotsDir).filter((name) => name.endsWith('.png')).sort();
  if (shots.length === 0) {
    throw new Error(`No screenshots in ${shotsDir}`);
  }
  fs.mkdirSync(docsDir, { recursive: true });
  fs.mkdirSync(walkthroughDir, { recursive: true });
  let total = 0;
  for (const name of shots) {
    const source = path.join(shotsDir, name);
    if (pngWidth(source) > MAX_WIDTH) {
      throw new Error(`${name} is ${pngWidth(source)} px wide; at most ${MAX_WIDTH}`);
    }
    fs.copyFileSync(source, path.join(docsDir, name));
    compact(source, path.join(walkthroughDir, name));
    const bytes = fs.statSync(path.join(walkthroughDir, name)).size;
    total += bytes;
    console.log(`${name}: ${pngWidth(source)} px wide, ${(bytes / 1024).toFixed(0)} KB in media/walkthrough`);
  }
  console.log(`media/walkthrough: ${(total / 1024).toFixed(0)} KB in ${shots.length} pictures`);
  if (total > MAX_WALKTHROUGH_BYTES) {
    throw new Error(`The walkthrough pictures weigh ${(total / 1024).toFixed(0)} KB; at most ${MAX_WALKTHROUGH_BYTES / 1024}`);
  }
}

main();
