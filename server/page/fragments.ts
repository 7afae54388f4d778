import type { BoardEvent } from '../board/board-event.ts';
import { matchesFilter, type Task, type TaskFilter } from '../board/task.ts';
import type { BoardModel, TaskChange } from './board-model.ts';
import { html, type SafeHtml } from './html.ts';
import type { PageUser } from './page-auth.ts';
import { activityRow } from './views/activity.ts';
import { presenceList, typingText } from './views/presence.ts';
import { cardId, cardsId, columnOf, taskCard, typingId, type CardContext } from './views/task-card.ts';

/**
 * Out-of-band fragments htmx swaps in by id; one SSE `update` message may carry several. `model` is the board
 * after the event: a card that comes into view is put right after the card shown before it. A card that leaves
 * the view (deleted, or no longer matching the filter) is removed; one that was not shown is never touched.
 */
export function eventFragment(
  event: BoardEvent,
  change: TaskChange,
  model: BoardModel,
  filter: TaskFilter,
  context: CardContext,
): SafeHtml {
  const row = activityFragment(event);
  const { before, after } = change;
  const shownBefore = before !== undefined && matchesFilter(before, filter);
  const shownAfter = after !== undefined && matchesFilter(after, filter);
  if (event.name === 'task.updated' && shownBefore && shownAfter) return html`${taskCard(after, context, true)}${row}`;
  return html`${shownBefore ? removeCard(before.id) : null}${shownAfter ? insertCard(after, model.predecessor(after, filter), context) : null}${row}`;
}

/** Every page column's cards at once, for a page that missed events (a reconnect): cheaper to redraw than to replay. */
export function columnsFragment(
  model: BoardModel,
  filter: TaskFilter,
  context: CardContext,
  columns: readonly { id: string; label: string }[],
): SafeHtml {
  return html`${columns.map((column) => html`<div id="${cardsId(column)}" hx-swap-oob="innerHTML">${model.cards(column, filter).map((task) => taskCard(task, context))}</div>`)}`;
}

/** The event's row, put at the top of the activity panel. */
export const activityFragment = (event: BoardEvent): SafeHtml =>
  html`<ol id="activity" hx-swap-oob="afterbegin">${activityRow(event)}</ol>`;

const removeCard = (taskId: string) => html`<div id="${cardId(taskId)}" hx-swap-oob="delete"></div>`;

function insertCard(task: Task, predecessor: Task | undefined, context: CardContext): SafeHtml {
  const where = predecessor ? `afterend:#${cardId(predecessor.id)}` : `afterbegin:#${cardsId(columnOf(task.column))}`;
  return html`<div hx-swap-oob="${where}">${taskCard(task, context)}</div>`;
}

export const presenceFragment = (users: PageUser[]) =>
  html`<ul id="presence" hx-swap-oob="innerHTML">${presenceList(users)}</ul>`;

export const typingFragment = (taskId: string, usernames: string[]) =>
  html`<p id="${typingId(taskId)}" hx-swap-oob="innerHTML">${typingText(usernames)}</p>`;
