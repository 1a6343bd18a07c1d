/** Debian's Chromium, driven by playwright-core. No browser is ever downloaded. */
import { chromium, type Browser } from 'playwright-core';

/** Path of the system Chromium that `.ci/run` installs. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches the system Chromium headless. Playwright gives every launch a fresh
 * temporary `--user-data-dir` and deletes it on close, so no profile is shared.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
