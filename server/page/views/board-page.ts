import type { BoardEvent } from '../../board/board-event.ts';
import type { Task, TaskFilter } from '../../board/task.ts';
import { BoardModel } from '../board-model.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageUser } from '../page-auth.ts';
import { SIGNED_OUT_EVENT } from '../signed-out-event.ts';
import { activityRow } from './activity.ts';
import { layout } from './layout.ts';
import { presenceList } from './presence.ts';
import { cardsId, COLUMNS, MOVE_HELP_ID, taskCard, type CardContext } from './task-card.ts';

export interface BoardPageModel {
  user: PageUser;
  board: string;
  seq: number;
  tasks: Task[];
  /** Newest first. */
  activity: BoardEvent[];
  /** Owners get the form that adds members. */
  isOwner: boolean;
  /** `?tag=…`: only matching cards are shown, live updates included. */
  filter?: TaskFilter;
  context?: CardContext;
}

/**
 * The board at /boards/<board>. One SSE stream (`<board>/stream?after=<seq>`) brings every change after the
 * rendered seq as out-of-band fragments; the `update` sink swaps nothing itself.
 */
export function boardPage({
  user,
  board,
  seq,
  tasks,
  activity,
  isOwner,
  filter = {},
  context = {},
}: BoardPageModel): SafeHtml {
  const model = new BoardModel(tasks);
  const tags = filter.tags ?? [];
  const tagParams = tags.map((tag) => `&tag=${encodeURIComponent(tag)}`).join('');
  const body = html`<main class="mx-auto max-w-7xl px-4 py-6" hx-ext="sse" sse-connect="${board}/stream?after=${seq}${tagParams}" sse-close="${SIGNED_OUT_EVENT}">
  <div sse-swap="update" hx-swap="none" hidden></div>
  <div class="flex flex-wrap items-center justify-between gap-4">
    <div class="flex items-center gap-3">
      <a href="../boards" class="text-sm text-slate-600 hover:text-slate-900">Boards</a>
      <span class="text-slate-600" aria-hidden="true">/</span>
      <h1 class="text-xl font-semibold tracking-tight text-slate-900" data-testid="board-name">${board}</h1>
      <span class="flex items-center gap-1 text-xs text-slate-600" data-live title="Live updates"><span class="size-2 rounded-full bg-slate-300" data-live-dot></span><span data-live-label>connecting</span></span>
    </div>
    <div class="flex items-center gap-2">
      <span class="text-xs font-medium uppercase tracking-wide text-slate-600">Online</span>
      <ul id="presence" class="flex flex-wrap gap-1.5" data-testid="presence">${presenceList([user])}</ul>
    </div>
  </div>
  <div class="mt-4 flex flex-wrap items-center gap-3">
    ${tagFilterForm(board, boardTags(tasks), tags)}
    ${
      tags.length > 0
        ? html`<p class="flex items-center gap-2 text-sm text-slate-600" data-filter>Showing tasks tagged
      ${tags.map((tag) => html`<span class="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-700">#${tag}</span>`)}
      <a href="${board}" class="text-indigo-700 underline hover:text-indigo-900" data-clear-filter>clear filter</a></p>`
        : null
    }
  </div>
  <p id="${MOVE_HELP_ID}" class="sr-only">Drag to move, or press the arrow keys: left and right move the card to the next column, up and down within its column.</p>
  <p class="sr-only" aria-live="polite" data-move-announcer></p>
  <div class="mt-6 grid gap-6 lg:grid-cols-[1fr_18rem]">
    <div class="grid items-start gap-4 md:grid-cols-3">
      ${COLUMNS.map(
        (
          column,
        ) => html`<section class="flex flex-col rounded-xl bg-slate-200/60 p-3 transition-colors data-[drop-target]:bg-indigo-100 data-[drop-target]:ring-2 data-[drop-target]:ring-indigo-400" data-testid="column-${column.id}" data-column-id="${column.id}" data-column-label="${column.label}">
        <h2 class="mb-3 flex items-center gap-2 px-1 text-sm font-semibold text-slate-700">
          <span class="size-2 rounded-full ${column.id === 'todo' ? 'bg-slate-400' : column.id === 'doing' ? 'bg-amber-400' : 'bg-emerald-500'}"></span>${column.label}
        </h2>
        <div id="${cardsId(column)}" class="peer flex min-h-2 flex-col gap-2 empty:hidden" data-cards>${model.cards(column, filter).map((task) => taskCard(task, context))}</div>
        <p class="hidden rounded-lg border-2 border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-600 peer-empty:block" data-empty-column>${tags.length > 0 ? 'No matching tasks here.' : 'No tasks here yet.'}</p>
        <form class="mt-3" hx-post="${board}/tasks" hx-swap="none" data-create-form>
          <input type="hidden" name="column" value="${column.id}">
          ${tags.length > 0 ? html`<input type="hidden" name="tags" value="${tags.join(' ')}">` : null}
          <input name="title" required maxlength="500" placeholder="+ Add a task" aria-label="New task in ${column.label}"
            class="block w-full rounded-md border border-transparent bg-white/70 px-2.5 py-1.5 text-sm placeholder:text-slate-500 focus:border-indigo-500 focus:bg-white focus:outline-none focus:ring-2 focus:ring-indigo-500/30">
        </form>
      </section>`,
      )}
    </div>
    <aside class="space-y-4">
      ${isOwner ? memberForm(board) : null}
      <section class="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="activity-heading" class="text-sm font-semibold text-slate-700">Activity</h2>
        <ol id="activity" tabindex="0" aria-labelledby="activity-heading" class="mt-3 max-h-[65vh] space-y-2 overflow-y-auto focus-visible:outline-2 focus-visible:outline-indigo-600 empty:after:text-sm empty:after:text-slate-500 empty:after:content-['Nothing_yet.']" data-testid="activity">${activity.map((event) => activityRow(event))}</ol>
      </section>
    </aside>
  </div>
</main>`;
  return layout({ title: board, root: '../', user, body, wide: true });
}

/** Every tag on the board, for the filter's suggestions. */
const boardTags = (tasks: readonly Task[]): string[] => [...new Set(tasks.flatMap((task) => task.tags ?? []))].sort();

/** A plain GET form: `<board>?tag=…` is the filtered board (page.js sends an empty one to the whole board). */
function tagFilterForm(board: string, known: readonly string[], active: readonly string[]): SafeHtml {
  return html`<form action="${board}" method="get" role="search" class="flex items-center gap-2" data-tag-filter>
    <label for="tag-filter" class="text-sm text-slate-600">Filter by tag</label>
    <input id="tag-filter" name="tag" list="board-tags" value="${active[0] ?? ''}" pattern="[a-z0-9][a-z0-9\\-]{0,31}" placeholder="e.g. ui"
      class="w-36 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30">
    <datalist id="board-tags">${known.map((tag) => html`<option value="${tag}"></option>`)}</datalist>
    <button class="rounded-md bg-slate-800 px-2.5 py-1 text-xs font-medium text-white hover:bg-slate-700">Filter</button>
  </form>`;
}

/** Posts JSON to the members API; board-relative URL ../api/… from /boards/<board>. */
function memberForm(board: string): SafeHtml {
  return html`<form class="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" hx-post="../api/boards/${board}/members" hx-ext="json-form" hx-swap="none" data-add-member>
  <h2 class="text-sm font-semibold text-slate-700">Share this board</h2>
  <div class="mt-2 flex gap-2">
    <input name="username" required placeholder="username" aria-label="Username to add"
      class="min-w-0 flex-1 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30">
    <button class="rounded-md bg-slate-800 px-2.5 py-1.5 text-xs font-medium text-white hover:bg-slate-700">Add</button>
  </div>
  <p class="mt-1 min-h-4 text-xs text-slate-500" data-member-result></p>
</form>`;
}
