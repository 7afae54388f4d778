import { html, type SafeHtml } from '../html.ts';
import type { PageUser } from '../page-auth.ts';

export interface LayoutOptions {
  title: string;
  /** Relative path from the page to the site root ("" or "../"), so every URL stays relative behind a proxy. */
  root: string;
  user?: PageUser;
  body: SafeHtml;
  /** Full-width content (the board) instead of a reading column. */
  wide?: boolean;
}

export function layout({ title, root, user, body, wide }: LayoutOptions): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowScriptTags":false,"allowEval":false}'>
<title>${title} · SwagBoard</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%234f46e5'/%3E%3C/svg%3E">
<link rel="stylesheet" href="${root}assets/app.css">
<script src="${root}assets/htmx.min.js"></script>
<script src="${root}assets/sse.js"></script>
<script src="${root}assets/page.js"></script>
</head>
<body class="min-h-screen bg-slate-100 text-slate-800 antialiased" data-root="${root}">
<header class="border-b border-slate-200 bg-white/90 backdrop-blur">
  <div class="mx-auto flex h-14 items-center justify-between px-4 ${wide ? 'max-w-7xl' : 'max-w-3xl'}">
    <a href="${root}boards" class="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
      <span class="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">S</span>SwagBoard
    </a>
    ${
      user
        ? html`<div class="flex items-center gap-3 text-sm">
      <span class="text-slate-500">Signed in as <strong class="font-medium text-slate-800" data-testid="me">${user.username}</strong></span>
      <button class="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800" hx-post="${root}api/auth/signout" hx-swap="none" data-signout>Sign out</button>
    </div>`
        : null
    }
  </div>
</header>
${body}
<div id="toast" role="alert" class="pointer-events-none fixed bottom-4 left-1/2 -translate-x-1/2 rounded-md bg-slate-900 px-4 py-2 text-sm text-white opacity-0 shadow-lg transition-opacity"></div>
</body>
</html>`;
}

/** Stable colour per user, so the same person looks the same in presence, typing and activity. */
export function avatarColour(key: string): string {
  // -700 shades: the white initial on them keeps 4.5:1 contrast (the -500s gave 2.5-3.5:1).
  const colours = [
    'bg-rose-700',
    'bg-amber-700',
    'bg-emerald-700',
    'bg-sky-700',
    'bg-violet-700',
    'bg-fuchsia-700',
    'bg-teal-700',
    'bg-orange-700',
  ];
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return colours[hash % colours.length]!;
}
