// Running the git executable: execFile or spawn with an argument array, never
// a shell, in an environment where git never prompts and answers in English.
// No vscode here: what runs git can be tested in plain Node against a real
// repository (platform/git.ts hands in the path of VS Code's git).
import { execFile, spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

const MAX_OUTPUT = 16 * 1024 * 1024;

/** Runs git in a repository; `signal` ends the process (the promise then rejects with an AbortError). */
export interface GitProcess {
  /** Resolves with stdout; rejects with git's message. */
  run(root: string, args: readonly string[], signal?: AbortSignal, options?: RunOptions): Promise<string>;
  /** Hands stdout to `onChunk` as it arrives (for output too large to hold); resolves when git exits. */
  stream(root: string, args: readonly string[], onChunk: (text: string) => void, signal?: AbortSignal): Promise<void>;
}

export interface RunOptions {
  /** Written to git's standard input (`--contents -`, a diff's `-`). */
  readonly input?: string;
  /** Exit codes that are answers, not failures: `git diff --no-index` exits 1 when the files differ. */
  readonly answerCodes?: readonly number[];
}

export function gitEnv(): NodeJS.ProcessEnv {
  // Never wait for a password prompt nobody can see; read git's messages in English.
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

/** `git blame: …` for messages: the subcommand, past global options such as `--literal-pathspecs`. */
function commandName(args: readonly string[]): string {
  return args.find((arg) => !arg.startsWith('-')) ?? 'git';
}

/** An aborted run (Node's AbortError, or the DOMException an AbortSignal throws): superseded, not failed. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** The git at `gitPath()` (read at each call: VS Code's git is found after activation). */
export function gitProcess(gitPath: () => string): GitProcess {
  return {
    run: (root, args, signal, options) =>
      new Promise((resolve, reject) => {
        const child = execFile(gitPath(), [...args], { cwd: root, maxBuffer: MAX_OUTPUT, env: gitEnv(), signal }, (error, stdout, stderr) => {
          if (!error || (typeof error.code === 'number' && options?.answerCodes?.includes(error.code))) {
            resolve(stdout);
          } else if (isAbortError(error)) {
            reject(error); // kept as it is: callers tell "superseded" from "failed" by its name
          } else {
            reject(new Error(`git ${commandName(args)}: ${stderr.trim() || error.message}`));
          }
        });
        // git may exit before reading it all (a bad option): the pipe's error is then git's, reported above.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(options?.input);
      }),
    stream: (root, args, onChunk, signal) =>
      new Promise((resolve, reject) => {
        const child = spawn(gitPath(), [...args], { cwd: root, env: gitEnv(), signal, stdio: ['ignore', 'pipe', 'pipe'] });
        const decoder = new StringDecoder('utf8');
        let stderr = '';
        child.stdout.on('data', (data: Buffer) => onChunk(decoder.write(data)));
        child.stderr.on('data', (data: Buffer) => {
          stderr = (stderr + data.toString('utf8')).slice(-4000);
        });
        child.on('error', reject);
        child.on('close', (code) => {
          if (code === 0) {
            onChunk(decoder.end());
            resolve();
          } else {
            reject(new Error(`git ${commandName(args)}: ${stderr.trim() || `exit code ${code}`}`));
          }
        });
      }),
  };
}
