// Types of webviewStandIns.js, for the tests that build with it (test/unit/markdown.test.ts).
import type { Plugin } from 'esbuild';

export function webviewStandInsPlugin(): Plugin;
