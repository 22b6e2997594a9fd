// Building DOM without HTML strings: text goes in as text nodes, so customer
// data can never become markup on this path.

type Child = Node | string | null | undefined | false;

/** `<tag class="…">children</tag>`; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) {
    element.className = className;
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/**
 * Marks `element` as holding text someone else wrote (a customer, a tracker,
 * a commit author), and nothing else: `dir="auto"` takes its direction from
 * that text and isolates it, so bidi characters in it cannot reorder the
 * text around it.
 */
export function isolate<T extends HTMLElement>(element: T): T {
  element.dir = 'auto';
  return element;
}

export function button(className: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', className, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}
