/**
 * Just enough of the DOM to run the HTML report's script in Node: the element tree, text nodes,
 * attributes, events and the few form lookups the script uses. No HTML parser on purpose: if the
 * script ever tried to parse markup, it would fail here instead of passing silently.
 */
export class FakeNode {
  parent: FakeElement | undefined;
  get textContent(): string {
    return '';
  }
  set textContent(_text: string) {
    throw new Error('not settable on this node');
  }
}

export class FakeText extends FakeNode {
  constructor(public data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }

  override set textContent(text: string) {
    this.data = text;
  }
}

export class FakeElement extends FakeNode {
  readonly children: FakeNode[] = [];
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, (() => void)[]>();
  hidden = false;
  value = '';
  checked = false;

  constructor(readonly tagName: string) {
    super();
  }

  append(...nodes: FakeNode[]): void {
    for (const node of nodes) {
      if (!(node instanceof FakeNode)) throw new Error('append() with a string: use text nodes');
      node.parent = this;
      this.children.push(node);
    }
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  get firstChild(): FakeNode | null {
    return this.children[0] ?? null;
  }

  override get textContent(): string {
    return this.children.map((child) => child.textContent).join('');
  }

  override set textContent(text: string) {
    this.children.length = 0;
    this.append(new FakeText(text));
  }

  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  dispatch(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }

  /** All descendant elements, depth first. */
  descendants(): FakeElement[] {
    return this.children
      .filter((child): child is FakeElement => child instanceof FakeElement)
      .flatMap((child) => [child, ...child.descendants()]);
  }

  querySelector(selector: string): FakeElement | null {
    const attribute = /^\[([\w-]+)=([\w-]+)\]$/.exec(selector);
    if (!attribute) throw new Error(`selector not supported by the fake DOM: ${selector}`);
    return this.descendants().find((el) => el.getAttribute(attribute[1]!) === attribute[2]) ?? null;
  }
}

/** The page's fixed elements (the server-rendered skeleton), with the filters at their defaults. */
export function createFakeDocument(dataJson: string) {
  const byId = new Map<string, FakeElement>();
  for (const id of ['finding-rows', 'shown', 'no-match']) byId.set(id, new FakeElement('div'));
  const data = new FakeElement('script');
  data.textContent = dataJson;
  byId.set('rampart-data', data);

  const controls = new Map<string, FakeElement>();
  for (const [name, value] of [
    ['status', 'open'],
    ['scanner', ''],
    ['rule', ''],
    ['q', ''],
  ] as const) {
    const control = new FakeElement(name === 'q' ? 'input' : 'select');
    control.value = value;
    controls.set(name, control);
  }
  const severityBoxes = ['critical', 'high', 'medium', 'low', 'info'].map((severity) => {
    const box = new FakeElement('input');
    box.value = severity;
    box.checked = true;
    return box;
  });
  const form = Object.assign(new FakeElement('form'), {
    elements: { namedItem: (name: string) => controls.get(name) },
    querySelectorAll: (selector: string) => {
      if (selector !== 'input[name=severity]:checked') throw new Error(`selector not supported: ${selector}`);
      return severityBoxes.filter((box) => box.checked);
    },
  });
  byId.set('filters', form);

  const document = {
    getElementById: (id: string) => byId.get(id) ?? null,
    createElement: (tag: string) => new FakeElement(tag),
    createTextNode: (text: string) => new FakeText(text),
  };
  return { document, byId, controls, severityBoxes, form };
}
