// Small codicon-like status glyphs drawn as SVG by our own code (no icon font
// to ship, nothing from the tracker): a circle plus a mark per status,
// stroked in `currentColor` so the theme colours them.
import type { PanelStatus } from '../../shared/itemPanelProtocol';

const SVG = 'http://www.w3.org/2000/svg';

// Marks inside the 16×16 circle; `fill` marks are solid, others stroked.
const MARKS: Record<PanelStatus, readonly { d: string; fill?: boolean }[]> = {
  open: [],
  'under-review': [{ d: 'M8 6.5a1.5 1.5 0 1 1 0 3a1.5 1.5 0 1 1 0-3z', fill: true }],
  planned: [{ d: 'M8 4.5V8l2.5 1.5' }],
  'in-progress': [{ d: 'M8 3a5 5 0 0 1 0 10z', fill: true }],
  shipped: [{ d: 'M5.2 8.3l1.9 1.9l3.7-3.9' }],
  closed: [{ d: 'M4.5 11.5l7-7' }],
};

export function statusIcon(status: PanelStatus): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'status-icon');
  const circle = document.createElementNS(SVG, 'circle');
  circle.setAttribute('cx', '8');
  circle.setAttribute('cy', '8');
  circle.setAttribute('r', '6.25');
  svg.appendChild(stroked(circle));
  for (const mark of MARKS[status]) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', mark.d);
    svg.appendChild(mark.fill ? filled(path) : stroked(path));
  }
  return svg;
}

function stroked<T extends SVGElement>(shape: T): T {
  shape.setAttribute('fill', 'none');
  shape.setAttribute('stroke', 'currentColor');
  shape.setAttribute('stroke-width', '1.5');
  shape.setAttribute('stroke-linecap', 'round');
  shape.setAttribute('stroke-linejoin', 'round');
  return shape;
}

function filled<T extends SVGElement>(shape: T): T {
  shape.setAttribute('fill', 'currentColor');
  return shape;
}
