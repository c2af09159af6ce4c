// What a screen-reader or keyboard user meets on a portal page, read from Chromium's own accessibility
// tree over CDP rather than guessed from the HTML.
import type { CDPSession, Page } from 'playwright-core';

/** A control on the page that assistive technology announces without a name. */
export interface UnnamedControl {
  /** Chromium's role for it: `textbox`, `button`, `combobox`, … or an internal one such as `Date`. */
  readonly role: string;
  /** Its start tag with its attributes, to find it in the page's source: `<input type="text" name="pin">`. */
  readonly element: string;
}

// ARIA widget roles a user operates, and Chromium's internal roles for the native controls (date, time
// and colour inputs, a <summary>) that have no ARIA role of their own.
const controlRoles = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'radio',
  'scrollbar',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
  'treeitem',
  'ColorWell',
  'Date',
  'DateTime',
  'DisclosureTriangle',
  'InputTime',
]);

interface AXValue {
  readonly value?: unknown;
}

interface AXNode {
  readonly ignored: boolean;
  readonly role?: AXValue;
  readonly name?: AXValue;
  readonly backendDOMNodeId?: number;
}

interface DOMNode {
  readonly backendNodeId: number;
  readonly localName: string;
  readonly attributes?: string[];
}

/**
 * Every control that is shown to assistive technology (hidden ones are left out) and has no accessible
 * name, in document order; `[]` for a page where each can be told apart by name.
 */
export async function controlsWithoutName(page: Page): Promise<UnnamedControl[]> {
  return withCDP(page, async (cdp) => {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    const unnamed = nodes.filter(
      (node) => !node.ignored && controlRoles.has(text(node.role)) && text(node.name).trim() === '',
    );
    const found: UnnamedControl[] = [];
    for (const node of unnamed) {
      const element = node.backendDOMNodeId === undefined ? '(no element)' : await startTag(cdp, node.backendDOMNodeId);
      found.push({ role: text(node.role), element });
    }
    return found;
  });
}

/**
 * Presses Tab until the focused element's accessible name is `accessibleName` (trimmed, exact), as a
 * keyboard user would; does not press when it already has focus. Throws, listing each control it passed,
 * when focus comes round to an element it has seen or after `maxPresses`.
 */
export async function tabTo(page: Page, accessibleName: string, maxPresses = 50): Promise<void> {
  await withCDP(page, async (cdp) => {
    const passed: string[] = [];
    const seen = new Set<number>();
    for (let presses = 0; ; presses += 1) {
      const focused = await focusedControl(cdp);
      if (focused.name === accessibleName) return;
      const cameRound = seen.has(focused.backendNodeId);
      if (presses > 0 && !cameRound) passed.push(`${focused.role} ${JSON.stringify(focused.name)}`);
      if (cameRound || presses === maxPresses) {
        const why = cameRound ? 'the tab order came round' : `${maxPresses} presses`;
        throw new Error(
          `tabTo: no control named ${JSON.stringify(accessibleName)} took focus (${why}); Tab passed: ` +
            (passed.length === 0 ? '(nothing)' : passed.join(', ')),
        );
      }
      seen.add(focused.backendNodeId);
      await page.keyboard.press('Tab');
    }
  });
}

async function withCDP<T>(page: Page, use: (cdp: CDPSession) => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await use(cdp);
  } finally {
    await cdp.detach();
  }
}

// Follows focus into shadow roots, where document.activeElement stops at the host.
const deepActiveElement = `(() => {
  let element = document.activeElement ?? document.body;
  while (element.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
})()`;

async function focusedControl(cdp: CDPSession): Promise<{ backendNodeId: number; role: string; name: string }> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: deepActiveElement });
  const objectId = result.objectId;
  if (objectId === undefined) throw new Error('tabTo: the page has no document to take focus');
  try {
    const { node } = (await cdp.send('DOM.describeNode', { objectId })) as { node: DOMNode };
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { objectId, fetchRelatives: false })) as {
      nodes: AXNode[];
    };
    const ax = nodes[0];
    return { backendNodeId: node.backendNodeId, role: text(ax?.role), name: text(ax?.name).trim() };
  } finally {
    await cdp.send('Runtime.releaseObject', { objectId });
  }
}

async function startTag(cdp: CDPSession, backendNodeId: number): Promise<string> {
  const { node } = (await cdp.send('DOM.describeNode', { backendNodeId })) as { node: DOMNode };
  const attributes = node.attributes ?? [];
  let tag = `<${node.localName}`;
  for (let i = 0; i + 1 < attributes.length; i += 2) tag += ` ${attributes[i]}=${JSON.stringify(attributes[i + 1])}`;
  return `${tag}>`;
}

function text(value: AXValue | undefined): string {
  return typeof value?.value === 'string' ? value.value : '';
}
