import { NOTES_MAX_LENGTH, TITLE_MAX_LENGTH, type Task } from '../../board/task.ts';
import type { PageUser } from '../page-auth.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { avatarColour } from './layout.ts';

export interface Column {
  id: string;
  label: string;
}

export const COLUMNS: readonly Column[] = [
  { id: 'todo', label: 'To do' },
  { id: 'doing', label: 'Doing' },
  { id: 'done', label: 'Done' },
];

/** Tasks in a free-form column (set over WebSocket) are shown under To do, labelled with their column. */
export const columnOf = (column: string): Column => COLUMNS.find((known) => known.id === column) ?? COLUMNS[0]!;

export const cardId = (taskId: string): string => `task-${taskId}`;
export const cardsId = (column: Column): string => `cards-${column.id}`;
export const typingId = (taskId: string): string => `typing-${taskId}`;
/** The board page's hidden text telling keyboard users how to move a focused card. */
export const MOVE_HELP_ID = 'move-help';

const inputClass =
  'block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30';

/** What a card needs beyond its task: the board's members, to name the assignee and offer them (unknown with auth open). */
export interface CardContext {
  members?: readonly PageUser[];
}

const assigneeName = (assignee: string, context: CardContext): string =>
  context.members?.find((member) => member.id === assignee)?.username ?? assignee;

/** Chips link to the board filtered by that tag (`<board>?tag=…`, relative to /boards/<board>). */
function tagChips(task: Task): SafeHtml | null {
  if (task.tags.length === 0) return null;
  return html`<ul class="mt-1 flex flex-wrap gap-1" data-tags>${task.tags.map(
    (tag) =>
      html`<li><a href="${task.board}?tag=${tag}" data-tag="${tag}" class="rounded-full bg-indigo-50 px-2 py-0.5 text-[11px] font-medium text-indigo-700 hover:bg-indigo-100">#${tag}</a></li>`,
  )}</ul>`;
}

function assigneeBadge(name: string, assignee: string): SafeHtml {
  return html`<p class="mt-2 flex items-center gap-1.5 text-xs text-slate-600" data-assignee="${assignee}">
    <span class="grid size-5 place-items-center rounded-full ${avatarColour(assignee)} text-[10px] font-semibold uppercase text-white" aria-hidden="true">${name.slice(0, 1)}</span>
    <span><span class="sr-only">Assigned to </span>${name}</span></p>`;
}

function assigneeField(task: Task, context: CardContext): SafeHtml | null {
  if (!context.members) return null;
  return html`<select name="assignee" aria-label="Assignee" class="${inputClass}">
        <option value=""${task.assignee === null ? raw(' selected') : null}>Nobody</option>
        ${context.members.map((member) => html`<option value="${member.id}"${member.id === task.assignee ? raw(' selected') : null}>${member.username}</option>`)}
      </select>`;
}

/**
 * Board-relative URLs (`<board>/tasks/…`) resolve against /boards/<board>, the page that holds the card.
 * `oob` marks the card for an out-of-band swap of the card with the same id. Notes save on their own when the
 * textarea loses focus after a change; keystrokes in either field tell the others "X is typing".
 */
export function taskCard(task: Task, context: CardContext = {}, oob = false): SafeHtml {
  const column = columnOf(task.column);
  const base = `${task.board}/tasks/${task.id}`;
  const tags = task.tags ?? [];
  // Draggable and focusable: page.js moves it by drag-and-drop or, focused, by the arrow keys (see MOVE_HELP_ID).
  return html`<article id="${cardId(task.id)}"${oob ? raw(' hx-swap-oob="outerHTML"') : null} data-task="${task.id}" data-column="${column.id}" data-position="${task.position}"
  data-move-url="${base}/move" draggable="true" tabindex="0" aria-describedby="${MOVE_HELP_ID}"
  class="group cursor-grab rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 transition hover:shadow-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 active:cursor-grabbing">
  <div class="flex items-start justify-between gap-2">
    <h3 class="min-w-0 break-words text-sm font-medium text-slate-900" data-title>${task.title}</h3>
    ${column.id !== task.column ? html`<span class="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[10px] uppercase tracking-wide text-slate-600">${task.column}</span>` : null}
  </div>
  ${tagChips({ ...task, tags })}
  ${task.assignee ? assigneeBadge(assigneeName(task.assignee, context), task.assignee) : null}
  <p id="${typingId(task.id)}" class="text-xs italic text-indigo-600" aria-live="polite"></p>
  <div class="mt-1 flex flex-wrap items-center gap-1">
    ${COLUMNS.filter((target) => target.id !== task.column).map(
      (
        target,
      ) => html`<button type="button" hx-post="${base}/move" hx-vals='${JSON.stringify({ column: target.id })}' hx-swap="none" data-move="${target.id}"
      class="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-600 hover:bg-indigo-50 hover:text-indigo-700">→ ${target.label}</button>`,
    )}
    <button type="button" hx-post="${base}/move" hx-vals='{"offset":-1}' hx-swap="none" data-move-up aria-label="Move up"
      class="rounded-md px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-100">↑</button>
    <button type="button" hx-post="${base}/move" hx-vals='{"offset":1}' hx-swap="none" data-move-down aria-label="Move down"
      class="rounded-md px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-100">↓</button>
    <button type="button" hx-post="${base}/delete" hx-swap="none" data-delete aria-label="Delete task"
      class="ml-auto rounded-md px-1.5 py-0.5 text-xs text-slate-600 hover:bg-rose-50 hover:text-rose-700">Delete</button>
  </div>
  <details class="mt-2 text-sm">
    <summary class="cursor-pointer select-none text-xs text-slate-500 hover:text-slate-800">Edit</summary>
    <form class="mt-2 space-y-2" hx-post="${base}" hx-swap="none">
      <input name="title" value="${task.title}" required maxlength="${TITLE_MAX_LENGTH}" aria-label="Title" class="${inputClass}"
        hx-post="${base}/typing" hx-trigger="keyup changed delay:300ms" hx-params="none" hx-swap="none">
      <textarea name="notes" rows="3" maxlength="${NOTES_MAX_LENGTH}" placeholder="Notes" aria-label="Notes" class="${inputClass}" data-notes
        hx-post="${base}" hx-trigger="change" hx-params="notes" hx-swap="none">${task.notes ?? ''}</textarea>
      <span hidden hx-post="${base}/typing" hx-trigger="keyup changed delay:300ms from:previous textarea" hx-params="none" hx-swap="none" data-notes-typing></span>
      <input name="tags" value="${tags.join(' ')}" aria-label="Tags" placeholder="tags, e.g. bug ui" class="${inputClass}" data-tags-input>
      ${assigneeField(task, context)}
      <div class="flex justify-end">
        <button class="rounded-md bg-indigo-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-indigo-500">Save</button>
      </div>
    </form>
  </details>
</article>`;
}
