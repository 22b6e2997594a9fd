// The "Feedback Loop" log output channel. Secrets registered here are masked
// in every line, so a token can never reach the log by accident.
import * as vscode from 'vscode';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Feedback Loop', { log: true });
  private readonly secrets = new Set<string>();

  /** Masks this value wherever it appears in later lines. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 4) {
      this.secrets.add(value);
    }
  }

  info(message: string): void {
    this.channel.info(this.mask(message));
  }

  warn(message: string): void {
    this.channel.warn(this.mask(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error === undefined ? '' : `: ${String(error)}`;
    this.channel.error(this.mask(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      out = out.split(secret).join('***');
    }
    return out;
  }
}
