import { html, type SafeHtml } from '../html.ts';
import type { PageUser } from '../page-auth.ts';
import { layout } from './layout.ts';

export function errorPage(root: string, status: number, message: string, user?: PageUser): SafeHtml {
  const body = html`<main class="mx-auto mt-16 max-w-md px-4 text-center">
  <p class="text-5xl font-semibold text-slate-500">${status}</p>
  <p class="mt-3 text-slate-700">${message}</p>
  <a href="${root}boards" class="mt-6 inline-block rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500">Back to your boards</a>
</main>`;
  return layout({ title: String(status), root, user, body });
}
