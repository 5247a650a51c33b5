/**
 * A few lines instead of a framework: the screen renders a handful of views from plain data, and
 * every kilobyte a framework would take is better spent on the charts.
 */
export type Child = Node | string | number | null | undefined | false;

type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * An element with attributes (`on…` adds a listener; false or null leaves one out) and children.
 * A `style` goes through the CSSOM: the page's policy refuses style attributes in markup
 * (gateway/src/web.ts), not styles a script sets.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'style') element.style.cssText = String(value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what `parent` holds. */
export function fill(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A `<select>` of options, `selected` chosen, calling `onChange` with the new value. */
export function select(
  options: { value: string; label: string }[],
  selected: string,
  onChange: (value: string) => void,
  attributes: Attributes = {},
): HTMLSelectElement {
  return h(
    'select',
    {
      ...attributes,
      onchange: (event: Event) => onChange((event.target as HTMLSelectElement).value),
    },
    options.map(({ value, label }) => h('option', { value, selected: value === selected }, label)),
  );
}
