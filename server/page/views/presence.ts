import { html, type SafeHtml } from '../html.ts';
import type { PageUser } from '../page-auth.ts';
import { avatarColour } from './layout.ts';

export function presenceList(users: PageUser[]): SafeHtml {
  return html`${users.map(
    (
      user,
    ) => html`<li class="flex items-center gap-1.5 rounded-full bg-white py-0.5 pl-0.5 pr-2.5 text-xs text-slate-700 shadow-xs ring-1 ring-slate-200" data-user="${user.username}" title="${user.username} is online">
  <span class="grid size-5 place-items-center rounded-full text-[10px] font-semibold uppercase text-white ${avatarColour(user.id)}">${user.username.slice(0, 1)}</span>${user.username}
</li>`,
  )}`;
}

export function typingText(usernames: string[]): string {
  if (usernames.length === 0) return '';
  if (usernames.length === 1) return `${usernames[0]} is typing…`;
  return `${usernames.slice(0, -1).join(', ')} and ${usernames.at(-1)} are typing…`;
}
