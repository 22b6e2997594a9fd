// Context keys read by `when` clauses in package.json.
import * as vscode from 'vscode';

export type ContextKey =
  | 'feedbackLoop:isConnected'
  | 'feedbackLoop:hasFilter'
  | 'feedbackLoop:grouping'
  | 'feedbackLoop:sort'
  | 'feedbackLoop:hasImpact'
  /** How many connections the Feedback view shows (Merge All is offered from two). */
  | 'feedbackLoop:connectionCount'
  /** The Feedback view ranks every connection's items together. */
  | 'feedbackLoop:mergeAll';

export function setContext(key: ContextKey, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
