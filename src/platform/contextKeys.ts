// Context keys read by `when` clauses in package.json.
import * as vscode from 'vscode';

export type ContextKey = 'feedbackLoop:isConnected' | 'feedbackLoop:hasFilter' | 'feedbackLoop:grouping' | 'feedbackLoop:sort' | 'feedbackLoop:hasImpact';

export function setContext(key: ContextKey, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
