// The item's trade-offs: what was decided on which code, each with a link to
// its place when it is in this workspace. Text enters as text nodes, the
// rationale as sanitised markdown.
import type { PanelTradeOff } from '../../shared/itemPanelProtocol';
import { el, isolate } from './dom';
import type { RenderContext } from './render';

export interface TradeOffContext extends RenderContext {
  readonly openLocation: (path: string, line: number) => void;
}

export function renderTradeOffs(ctx: TradeOffContext, tradeoffs: readonly PanelTradeOff[] | undefined): HTMLElement | false {
  if (!tradeoffs || tradeoffs.length === 0) {
    return false; // an item without trade-offs needs no empty section
  }
  const heading = el('h2', '', `${ctx.strings.tradeoffs ?? 'Trade-offs'} (${tradeoffs.length})`);
  return el('section', 'tradeoffs', heading, el('ul', 'tradeoff-list', ...tradeoffs.map((t) => renderTradeOff(ctx, t))));
}

function renderTradeOff(ctx: TradeOffContext, t: PanelTradeOff): HTMLElement {
  const span = t.startLine === t.endLine ? `${t.startLine}` : `${t.startLine}–${t.endLine}`;
  const place = `${t.path}:${span}`;
  let where: HTMLElement;
  if (t.inWorkspace && !t.detached) {
    const link = el('a', 'tradeoff-place', place);
    link.href = '#';
    link.title = place;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      ctx.openLocation(t.path, t.startLine);
    });
    where = link;
  } else {
    where = el('span', 'tradeoff-place', place);
  }
  const flags = [t.detached ? 'detached' : '', t.resolved ? 'resolved' : ''].filter(Boolean).join(', ');
  return el(
    'li',
    `tradeoff${t.resolved ? ' tradeoff-resolved' : ''}${t.detached ? ' tradeoff-detached' : ''}`,
    // Separators as text: the panel's stylesheet knows nothing of these rows.
    el('div', 'tradeoff-header', isolate(el('strong', 'tradeoff-summary', t.summary)), ' · ', where, flags && ` · ${flags}`, ' · ', isolate(el('span', 'tradeoff-author', t.author))),
    t.rationale.trim() && isolate(el('div', 'markdown tradeoff-rationale', ctx.markdown.toFragment(t.rationale))),
  );
}
