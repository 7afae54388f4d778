// WCAG 2 contrast of every piece of visible text on a page, measured in the browser as it is drawn.
// Used until the project takes on axe-core; covers the one rule the board was failing (colour contrast, AA).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const SCRIPT = readFileSync(new URL('./text-contrast.browser.js', import.meta.url), 'utf8');

export interface LowContrast {
  text: string;
  ratio: number;
  required: number;
  color: string;
  background: string;
}

/**
 * Visible text (and empty inputs' placeholders) whose contrast with what is behind it is under AA: 4.5:1, or 3:1
 * for large text (24 px, or 18.66 px bold). Colours are resolved by the browser's own canvas, so Tailwind's
 * oklch colours and alpha (`bg-white/70`) come out as drawn; backgrounds are composited up the ancestors.
 */
export function lowContrastText(page: Page): Promise<LowContrast[]> {
  return page.evaluate(SCRIPT) as Promise<LowContrast[]>;
}
