/** The forbidden page of the built site, as a reader sees it in Chromium. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { DIST_DIR, RESULTS_DIR } from './built-site.ts';
import { serveStatic, type StaticServer } from '../src/static-server.ts';

let server: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serveStatic(DIST_DIR);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const response = await page.goto(`${server.origin}/errors/forbidden`);
  expect(response?.status()).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Cell texts of the content's tables, row by row. */
function tablesOf(target: Page): Promise<string[][][]> {
  return target.$$eval('.vp-doc table', (tables) =>
    tables.map((table) =>
      [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    ),
  );
}

describe('forbidden page in the browser', () => {
  it('shows the title', async () => {
    expect(await page.locator('.vp-doc h1').innerText()).toContain('forbidden');
    expect(await page.title()).toBe('forbidden | Agnes API');
  });

  it('shows the facts table', async () => {
    const [facts] = await tablesOf(page);
    expect(facts?.slice(1)).toEqual([
      ['HTTP status', '403 Forbidden'],
      ['Code', 'forbidden'],
      ['Retry?', 'No — request additional permissions.'],
    ]);
  });

  it('shows the example JSON', async () => {
    const code = await page.locator('.vp-doc div[class*="language-json"] pre').innerText();
    expect(JSON.parse(code)).toEqual({
      detail: 'Permission denied: missing scope policy:delete.',
      code: 'forbidden',
      request_id: '5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91',
      doc_url: 'https://docs.lasscyber.com/errors/forbidden',
    });
  });

  it('shows the SDK table', async () => {
    const [, sdk] = await tablesOf(page);
    expect(sdk).toEqual([
      ['SDK', 'Exception'],
      ['Python', 'agnes.PermissionError'],
      ['TypeScript', 'PermissionError'],
    ]);
  });

  it('saves a screenshot', async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, 'forbidden.png');
    const image = await page.screenshot({ path, fullPage: true });
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
    console.log(`Screenshot of /errors/forbidden: ${path}`);
  });

  it('follows the email_not_verified link', async () => {
    await page.locator('.vp-doc a[href="/errors/email_not_verified"]').first().click();
    await page.waitForURL(`${server.origin}/errors/email_not_verified`);
    await expect.poll(() => page.locator('.vp-doc h1').innerText()).toContain('email_not_verified');
    expect(await page.title()).toBe('email_not_verified | Agnes API');
  });

  it('finds the page with local search', async () => {
    await page.locator('.VPNavBarSearch button').click();
    await page.locator('.VPLocalSearchBox input').fill('authorised for this resource');
    const result = page.locator('.VPLocalSearchBox .results a[href^="/errors/forbidden#"]');
    await result.first().waitFor();
    expect(await page.locator('.VPLocalSearchBox .results a').first().getAttribute('href')).toMatch(/^\/errors\/forbidden#/);
  });
});
