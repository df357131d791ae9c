import type { RuleDoc } from './types.js';

let loading: Promise<Map<string, RuleDoc>> | undefined;

/**
 * The rule documentation bundled with the dashboard (built from the scanners' rule metadata into a
 * hashed JSON asset whose URL `index.html` names); loaded once, on the first finding page.
 */
export function ruleDocs(): Promise<Map<string, RuleDoc>> {
  loading ??= (async () => {
    const url = document.querySelector<HTMLMetaElement>('meta[name="rampart-rules"]')?.content;
    if (url === undefined || !url.startsWith('/assets/')) return new Map<string, RuleDoc>();
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return new Map<string, RuleDoc>();
    const docs = (await response.json()) as RuleDoc[];
    return new Map(docs.map((d) => [d.id, d]));
  })();
  return loading;
}
