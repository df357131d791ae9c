import { existsSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createServer,
  createToken,
  createUser,
  openStore,
  setProjectRole,
  type RampartServer,
  type Store,
} from '@rampart/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIST,
  HAS_CHROMIUM,
  launch,
  screenshot,
  seriousViolations,
  watchedPage,
  type Watched,
} from './browser.js';
import { COMMIT, SQLI_FP, upload } from './scan-data.js';

/**
 * The dashboard end to end in Debian's Chromium against the real server (in this process, on
 * 127.0.0.1): sign in, upload a scan through the API, see it on the overview, triage a finding with a
 * justification, see the audit entry, search a package. Every page is screenshotted into
 * test-artifacts/, checked with axe-core (no serious or critical violation) and must log no console
 * error; no request may leave the server's origin.
 */

const PROJECT = 'payments/api';
const ADMIN = 'admin@example.com';
const VIEWER = 'viewer@example.com';
const PASSWORD = 'correct-horse-battery-staple';

if (!HAS_CHROMIUM)
  console.warn('dashboard e2e tests skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)');

describe.skipIf(!HAS_CHROMIUM)('web dashboard in Chromium', () => {
  let dataDir: string;
  let store: Store;
  let server: RampartServer;
  let base: string;
  let browser: Browser;
  let ingestToken: string;
  const checked: { page: string; violations: string[] }[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html')))
      throw new Error('the dashboard is not built: run `npm run build`');
    dataDir = mkdtempSync(join(tmpdir(), 'rampart-web-'));
    store = await openStore({ dataDir });
    await createUser(store, { email: ADMIN, password: PASSWORD, admin: true }, 'test');
    const viewer = await createUser(store, { email: VIEWER, password: PASSWORD, admin: false }, 'test');
    await setProjectRole(store, viewer.id, PROJECT, 'viewer', 'test');
    ingestToken = (
      await createToken(
        store,
        { name: 'ci', scope: 'ingest', projects: [PROJECT], expiresAt: Date.now() + 86_400_000 },
        'test',
      )
    ).token;
    server = createServer({ store, secureCookies: false, dashboard: DIST });
    base = await server.listen({ host: '127.0.0.1', port: 0 });
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function check(w: Watched, name: string): Promise<void> {
    await w.page.waitForLoadState('networkidle');
    await screenshot(w.page, name);
    checked.push({ page: name, violations: await seriousViolations(w.page) });
  }

  /** Upload the test scan with the ingest token; 201 the first time, 200 (a duplicate) after. */
  async function uploadScan(): Promise<number> {
    const res = await fetch(`${base}/api/v1/projects/${encodeURIComponent(PROJECT)}/scans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(upload()),
    });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`upload: ${res.status} ${await res.text()}`);
    return res.status;
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  }

  it('serves the app with a strict CSP, immutable hashed assets and no-store API answers', async () => {
    const page = await fetch(`${base}/projects/x%2Fy/findings`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/assets\/app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${base}/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    const api = await fetch(`${base}/api/v1/session`);
    expect(api.status).toBe(401);
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  it('signs in, shows an uploaded scan, triages with a justification, audits it and searches a package', async () => {
    const w = await watchedPage(browser, base);
    const { page } = w;
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Sign in to Rampart' }).waitFor();
    await check(w, '01-login');

    // A wrong password is refused with a message, not a console error of the app.
    await page.getByLabel('E-mail address').fill(ADMIN);
    await page.getByLabel('Password').fill('wrong-password-here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'wrong e-mail address or password' }).waitFor();
    // The browser logs the 401 of that sign-in as a failed resource: expected here, and nothing else.
    expect(w.problems).toHaveLength(1);
    expect(w.problems[0]).toContain('status of 401');
    w.problems.splice(0);
    await signIn(page, ADMIN);

    // Upload through the API (as CI would, with an ingest token), then see it on the overview.
    expect(await uploadScan()).toBe(201);
    await page.reload();
    const recent = page.getByTestId('recent-scans');
    await recent.getByText(PROJECT).waitFor();
    await expect(recent.getByRole('link', { name: COMMIT.slice(0, 10) }).getAttribute('href')).resolves.toBe(
      `https://github.com/acme/payments/commit/${COMMIT}`,
    );
    await page.getByTestId('overview-stats').filter({ hasText: '123' }).waitFor();
    await expect(page.getByTestId('overview-stats').textContent()).resolves.toContain('123');
    await page.locator('figure.chart svg polyline').first().waitFor();
    await check(w, '02-overview');

    // The project's findings: server-side pages, filters and sorting.
    await page.getByRole('link', { name: PROJECT }).first().click();
    // Wait for the count (the element first says "Loading…"), then check all of it.
    await page.getByTestId('findings-count').filter({ hasText: 'of 123 findings' }).waitFor();
    await expect(page.getByTestId('findings-count').textContent()).resolves.toBe('1–50 of 123 findings');
    await page.getByRole('button', { name: 'Next', exact: true }).first().click();
    await page.getByTestId('findings-count').filter({ hasText: '51–100 of 123 findings' }).waitFor();
    await page.getByLabel('Search').fill('sql');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('findings-count').filter({ hasText: '1–1 of 1 findings' }).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Severity').selectOption('critical');
    await page.getByTestId('findings-count').filter({ hasText: 'of 25 findings' }).waitFor();
    await page.getByLabel('Severity').selectOption('');
    await page.getByLabel('CWE').fill('CWE-89');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('findings-count').filter({ hasText: '1–1 of 1 findings' }).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('findings-count').filter({ hasText: 'of 123 findings' }).waitFor();
    await check(w, '03-findings');

    // Bulk triage of two findings needs a justification.
    const boxes = page.getByTestId('findings-table').locator('tbody input[type=checkbox]');
    await boxes.nth(3).check();
    await boxes.nth(4).check();
    await page.locator('#bulk-decision').selectOption('mitigated');
    await page.locator('#bulk-justification').fill('WAF rule 1234 blocks this in production');
    await page.getByRole('button', { name: 'Triage 2 findings' }).click();
    await page.getByRole('status').filter({ hasText: 'Recorded the decision on 2 findings.' }).waitFor();
    await check(w, '04-findings-bulk-triaged');

    // The finding page: code with the line highlighted, dataflow, rule help; triage it.
    await page.goto(`${base}/projects/${encodeURIComponent(PROJECT)}/findings/${SQLI_FP}`);
    await page.getByRole('heading', { name: 'SQL injection' }).waitFor();
    await expect(page.getByTestId('snippet').locator('.hit').textContent()).resolves.toContain('db.query');
    await expect(page.getByTestId('dataflow').locator('li').count()).resolves.toBe(2);
    await page.getByTestId('rule-doc').waitFor();
    await page.locator('#triage-decision').selectOption('false_positive');
    await page.getByRole('button', { name: 'Record decision' }).click();
    // The browser's own validation keeps an empty justification from being sent.
    await expect(
      page.locator('#triage-justification').evaluate((e) => (e as HTMLTextAreaElement).validity.valueMissing),
    ).resolves.toBe(true);
    await page
      .locator('#triage-justification')
      .fill('Parameterised by the ORM; the template literal is a log line');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('finding-audit').getByText('finding.triaged').waitFor();
    await check(w, '05-finding');

    // The audit log: the triage entry with its justification, and the chain verified.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-verify').filter({ hasText: 'Verified' }).waitFor();
    await page
      .getByTestId('audit-entries')
      .getByRole('row')
      .filter({ hasText: 'Parameterised by the ORM' })
      .filter({ hasText: `user:${ADMIN}` })
      .waitFor();
    await check(w, '06-audit');

    // Search: who uses lodash 4.17.20, and where a rule fires.
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Package name').fill('lodash');
    await page.getByLabel('Version (optional)').fill('4.17.20');
    await page.getByRole('button', { name: 'Find projects' }).click();
    await page.getByTestId('package-results').getByRole('link', { name: PROJECT }).waitFor();
    await page.getByLabel('Rule id').fill('sast/sql-injection');
    await page.getByRole('button', { name: 'Find findings' }).click();
    await page.getByTestId('rule-results').getByRole('link', { name: PROJECT }).waitFor();
    await check(w, '07-search');

    // The other project pages.
    for (const [tab, name, ready] of [
      ['scans', '08-scans', 'scan-history'],
      ['components', '09-components', 'components'],
    ] as const) {
      await page.goto(`${base}/projects/${encodeURIComponent(PROJECT)}/${tab}`);
      await page.getByTestId(ready).waitFor();
      await check(w, name);
    }
    await expect(page.getByTestId('components').locator('tr.vulnerable').textContent()).resolves.toContain(
      'lodash',
    );
    await page.getByRole('link', { name: 'SLA' }).click();
    await page.getByRole('heading', { name: 'SLA by severity' }).waitFor();
    await check(w, '10-sla');
    await page.getByRole('link', { name: 'Compliance' }).click();
    await page.getByRole('heading', { name: /OWASP Top 10/ }).waitFor();
    const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    await check(w, '11-compliance');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, '11-compliance-print');
    await page.emulateMedia({ media: 'screen' });
    const csvText = await page.evaluate(async (url) => (await fetch(url!)).text(), csv);
    expect(csvText.split('\n')[0]).toContain('standard');

    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByTestId('users').getByText(VIEWER).waitFor();
    await page.getByTestId('tokens').getByText('ci').first().waitFor();
    await check(w, '12-admin');

    // Dark theme, kept across reloads.
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.reload();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await page.getByTestId('recent-scans').waitFor();
    await check(w, '13-overview-dark');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Rampart' }).waitFor();

    expect(w.problems).toEqual([]);
    expect(w.foreign).toEqual([]);
    expect(checked.filter((c) => c.violations.length > 0)).toEqual([]);
    await w.context.close();
  });

  it('shows a viewer their project without triage controls, and the keyboard reaches the table', async () => {
    const w = await watchedPage(browser, base);
    const { page } = w;
    await uploadScan();
    await page.goto(`${base}/login`);
    await signIn(page, VIEWER);
    await expect(page.getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: PROJECT }).first().click();
    await page.getByTestId('findings-table').locator('tbody tr').first().waitFor();
    await expect(page.getByTestId('findings-table').locator('input[type=checkbox]').count()).resolves.toBe(0);
    // Keyboard only, from a fresh load: the skip link, then tabbing lands on the search box.
    await page.reload();
    await page.getByTestId('findings-table').locator('tbody tr').first().waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'q')) break;
    }
    await expect(
      page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
    ).resolves.toBe('q');
    await page.keyboard.type('sql');
    await page.keyboard.press('Enter');
    await page.getByTestId('findings-count').filter({ hasText: 'of 1 findings' }).waitFor();
    await check(w, '14-viewer-findings');
    // A laptop screen: the same page at 1366x768 (and the finding page) still passes the checks.
    await page.setViewportSize({ width: 1366, height: 768 });
    await check(w, '15-viewer-findings-laptop');
    await page.getByRole('link', { name: 'SQL injection' }).click();
    await page.getByTestId('snippet').waitFor();
    await expect(page.getByRole('button', { name: 'Record decision' }).count()).resolves.toBe(0);
    await check(w, '16-viewer-finding-laptop');
    // The server refuses what the viewer may not do, whatever the page shows.
    const refused = await page.evaluate(async (project) => {
      const session = await (await fetch('/api/v1/session')).json();
      const r = await fetch(`/api/v1/projects/${encodeURIComponent(project)}/dashboard/triage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ fingerprints: ['ab'], decision: 'mitigated', justification: 'x' }),
      });
      return r.status;
    }, PROJECT);
    expect(refused).toBe(403);
    // That refusal is logged by the browser as a failed resource load; nothing else may be.
    expect(w.problems.filter((p) => !p.includes('403'))).toEqual([]);
    expect(checked.filter((c) => c.violations.length > 0)).toEqual([]);
    await w.context.close();
  });
  it('offers single sign-on when GET /api/v1/auth/providers says so, and only then', async () => {
    const w = await watchedPage(browser, base);
    const { page } = w;
    // This server has no OIDC: the page asks nothing that fails and shows the password form only.
    await page.goto(`${base}/login`);
    await page.getByRole('heading', { name: 'Sign in to Rampart' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('link', { name: /Sign in with/ }).count()).resolves.toBe(0);
    // A server with the providers route (the OIDC module's answer), simulated in the browser.
    await page.route('**/api/openapi.json', async (route) => {
      const response = await route.fetch();
      const doc = await response.json();
      doc.paths['/api/v1/auth/providers'] = { get: {} };
      await route.fulfill({ response, json: doc });
    });
    await page.route('**/api/v1/auth/providers', (route) =>
      route.fulfill({
        json: {
          password: { enabled: true },
          oidc: { enabled: true, name: 'Acme SSO', loginUrl: '/api/v1/auth/oidc/login' },
        },
      }),
    );
    await page.goto(`${base}/projects/${encodeURIComponent(PROJECT)}/findings`);
    const sso = page.getByRole('link', { name: 'Sign in with Acme SSO' });
    await sso.waitFor();
    await expect(sso.getAttribute('href')).resolves.toBe(
      `/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(`/projects/${encodeURIComponent(PROJECT)}/findings`)}`,
    );
    await page.getByLabel('E-mail address').waitFor();
    await check(w, '17-login-sso');
    expect(w.problems).toEqual([]);
    expect(checked.filter((c) => c.violations.length > 0)).toEqual([]);
    await w.context.close();
  });
});
