import type { BoardEvent } from "../board/board-event.ts";
import type { Task } from "../board/task.ts";
import { html, type SafeHtml } from "./html.ts";
import type { PageUser } from "./page-auth.ts";
import { activityRow } from "./views/activity.ts";
import { presenceList, typingText } from "./views/presence.ts";
import { cardId, cardsId, columnOf, taskCard, typingId } from "./views/task-card.ts";

/** Out-of-band fragments htmx swaps in by id; one SSE `update` message may carry several. */
export function eventFragment(event: BoardEvent): SafeHtml {
  const row = html`<ol id="activity" hx-swap-oob="afterbegin">${activityRow(event)}</ol>`;
  const data = event.data as { task?: Task; taskId?: string };
  switch (event.name) {
    case "task.created":
      return html`${appendCard(data.task!)}${row}`;
    case "task.updated":
      return html`${taskCard(data.task!, true)}${row}`;
    case "task.moved":
      return html`${removeCard(data.task!.id)}${appendCard(data.task!)}${row}`;
    case "task.deleted":
      return html`${removeCard(data.taskId!)}${row}`;
  }
}

const removeCard = (taskId: string) => html`<div id="${cardId(taskId)}" hx-swap-oob="delete"></div>`;
const appendCard = (task: Task) => html`<div id="${cardsId(columnOf(task.column))}" hx-swap-oob="beforeend">${taskCard(task)}</div>`;

export const presenceFragment = (users: PageUser[]) => html`<ul id="presence" hx-swap-oob="innerHTML">${presenceList(users)}</ul>`;

export const typingFragment = (taskId: string, usernames: string[]) => html`<p id="${typingId(taskId)}" hx-swap-oob="innerHTML">${typingText(usernames)}</p>`;
