import type { BoardEvent } from '../../board/board-event.ts';
import { html, type SafeHtml } from '../html.ts';
import { columnOf } from './task-card.ts';

const clockTime = (at: number): string => new Date(at).toISOString().slice(11, 19);

function describe(event: BoardEvent): SafeHtml {
  const data = event.data as { task?: { title: string; column: string }; fromColumn?: string };
  const title = data.task ? html`<span class="font-medium text-slate-800">${data.task.title}</span>` : null;
  switch (event.name) {
    case 'task.created':
      return html`Created ${title} in ${columnOf(data.task!.column).label}`;
    case 'task.updated':
      return html`Edited ${title}`;
    case 'task.moved':
      if (data.fromColumn === data.task!.column)
        return html`Reordered ${title} in ${columnOf(data.task!.column).label}`;
      return html`Moved ${title} from ${columnOf(data.fromColumn ?? '').label} to ${columnOf(data.task!.column).label}`;
    case 'task.deleted':
      return html`Deleted a task`;
  }
}

/** One row of the activity panel; anonymous changes (REST in open mode) have no actor. */
export function activityRow(event: BoardEvent): SafeHtml {
  const actorName = event.actor?.name;
  return html`<li class="border-l-2 border-indigo-200 py-1 pl-3" data-seq="${event.seq}">
  <p class="text-sm text-slate-600">${actorName ? html`<span class="font-medium text-slate-900">${actorName}</span> · ` : null}${describe(event)}</p>
  <p class="text-[11px] text-slate-500"><time datetime="${new Date(event.at).toISOString()}">${clockTime(event.at)} UTC</time> · #${event.seq} · ${event.origin}</p>
</li>`;
}
