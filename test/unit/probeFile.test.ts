// The test probes (src/platform/testProbes.ts) are off unless the environment
// turns them on, and then write only to an absolute, normalised .json path;
// the manifest never mentions them, so users cannot find or run them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectGarbage, probeSetting, writeProbeFile } from '../../src/platform/probeFile';

const root = path.resolve(__dirname, '..', '..');

describe('test probes: environment and file', () => {
  const on = (file: string | undefined) => probeSetting({ FEEDBACK_LOOP_TEST_PROBES: '1', FEEDBACK_LOOP_PROBE_FILE: file });

  it('are off unless FEEDBACK_LOOP_TEST_PROBES is exactly 1', () => {
    for (const value of [undefined, '', '0', 'true', ' 1', '1 ', 'yes']) {
      assert.equal(probeSetting({ FEEDBACK_LOOP_TEST_PROBES: value, FEEDBACK_LOOP_PROBE_FILE: '/tmp/probe.json' }), undefined, String(value));
    }
  });

  it('accept an absolute, normalised path to a .json file', () => {
    for (const file of ['/tmp/probe.json', '/work/main/.vscode-test/runs/bench-x/probe.json', '/a b/heap figures.json']) {
      assert.deepEqual(on(file), { file });
    }
  });

  it('refuse anything else, naming the variable and the value', () => {
    const refused = [undefined, '', 'probe.json', './probe.json', '../probe.json', '/tmp/../etc/probe.json', '/tmp/./probe.json', '/tmp//probe.json', '/tmp/probe.json/', '/tmp/probe.txt', '/tmp/probe', '/tmp/.json', '/tmp/pro\nbe.json', '/tmp/probe.json\u0000.txt', '~/probe.json'];
    for (const file of refused) {
      const setting = on(file);
      assert.ok(setting && 'refused' in setting, `${JSON.stringify(file)} was accepted`);
      assert.match(setting.refused, /^FEEDBACK_LOOP_PROBE_FILE /);
      assert.ok(setting.refused.includes(JSON.stringify(file ?? '')), setting.refused);
    }
  });

  it('write the whole file at once, replacing the last one and leaving no temp file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-file-'));
    try {
      const file = path.join(dir, 'probe.json');
      await writeProbeFile(file, { heapUsed: 1, items: [1, 2] });
      await writeProbeFile(file, { heapUsed: 2 });
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { heapUsed: 2 });
      assert.deepEqual(fs.readdirSync(dir), ['probe.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('collect garbage without --expose-gc', () => {
    assert.doesNotThrow(() => collectGarbage());
  });

  it('are not in the manifest: no command, menu or keybinding a user could find', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    assert.doesNotMatch(manifest, /feedbackLoop\.test\b/);
  });
});
