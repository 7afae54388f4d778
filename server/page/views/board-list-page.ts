import { html, type SafeHtml } from '../html.ts';
import type { PageUser } from '../page-auth.ts';
import { layout } from './layout.ts';

export interface BoardSummary {
  id: string;
  name: string;
  role: string;
  seq: number;
}

export function boardListPage(user: PageUser, boards: BoardSummary[]): SafeHtml {
  const body = html`<main class="mx-auto mt-10 max-w-3xl px-4">
  <div class="flex flex-wrap items-end justify-between gap-4">
    <div>
      <h1 class="text-2xl font-semibold tracking-tight text-slate-900">Boards</h1>
      <p class="mt-1 text-sm text-slate-600">Boards you own or were added to. A new board's id is lower-case letters, digits and dashes.</p>
    </div>
    <form hx-post="boards" hx-swap="none" class="flex gap-2" data-create-board>
      <input name="id" required pattern="[a-z0-9][a-z0-9\\-]{0,63}" maxlength="64" placeholder="e.g. launch-plan" aria-label="New board id"
        class="w-48 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30">
      <button class="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500">New board</button>
    </form>
  </div>
  <ul class="mt-8 grid gap-3 sm:grid-cols-2" data-testid="board-list">
    ${
      boards.length === 0
        ? html`<li class="col-span-full rounded-xl border-2 border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">No boards yet. Create one above, or ask a board's owner to add you.</li>`
        : boards.map(
            (board) => html`<li>
      <a href="boards/${board.id}" class="block rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 transition hover:shadow-md hover:ring-indigo-300">
        <span class="flex items-center justify-between gap-2"><span class="font-medium text-slate-900">${board.name}</span>
        <span class="rounded-full bg-slate-100 px-2 py-0.5 text-[11px] text-slate-600">${board.role}</span></span>
        <span class="mt-1 block text-xs text-slate-500">${board.name !== board.id ? `${board.id} · ` : null}${board.seq} ${board.seq === 1 ? 'change' : 'changes'}</span>
      </a>
    </li>`,
          )
    }
  </ul>
</main>`;
  return layout({ title: 'Boards', root: '', user, body });
}
