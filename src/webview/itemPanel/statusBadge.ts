// An item's status as a badge: icon and name (never colour alone), and, for
// a change the tracker has not confirmed yet, a "pending" mark beside it.
import type { PanelStatus } from '../../shared/itemPanelProtocol';
import { el } from './dom';
import { statusIcon } from './statusIcon';

export function statusBadge(status: PanelStatus, label: string, pending: { readonly text: string } | undefined): HTMLElement {
  const badge = el('span', `status-badge status-${status}${pending ? ' status-pending' : ''}`, statusIcon(status), label);
  if (pending) {
    badge.append(el('span', 'pending-mark', ` · ${pending.text}`));
    badge.title = `${label} (${pending.text})`;
  }
  return badge;
}
