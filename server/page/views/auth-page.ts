import { html, raw, type SafeHtml } from '../html.ts';
import { layout } from './layout.ts';

export type AuthMode = 'signin' | 'signup';

/** Posts JSON to the auth API (json-form is page.js's tiny encoder); page.js follows data-next on success. */
export function authPage(mode: AuthMode): SafeHtml {
  const signIn = mode === 'signin';
  const body = html`<main class="mx-auto mt-16 max-w-sm px-4">
  <div class="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
    <h1 class="text-xl font-semibold text-slate-900">${signIn ? 'Sign in' : 'Create an account'}</h1>
    <p class="mt-1 text-sm text-slate-500">${signIn ? 'Welcome back. Your boards are waiting.' : 'Pick a username (3–32 letters, digits, ., _ or -) and a password of 8 characters or more.'}</p>
    <form class="mt-6 space-y-4" hx-post="api/auth/${mode}" hx-ext="json-form" hx-swap="none" data-next="boards" data-auth-form${signIn ? null : raw(' data-then-signin')}>
      <label class="block">
        <span class="text-sm font-medium text-slate-700">Username</span>
        <input name="username" required autocomplete="username" pattern="[A-Za-z0-9][A-Za-z0-9_.\\-]{2,31}" maxlength="32"
          class="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30">
      </label>
      <label class="block">
        <span class="text-sm font-medium text-slate-700">Password</span>
        <input name="password" type="password" required minlength="8" autocomplete="${signIn ? 'current-password' : 'new-password'}"
          class="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30">
      </label>
      <p class="min-h-5 text-sm text-rose-600" data-auth-error></p>
      <button class="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40">
        ${signIn ? 'Sign in' : 'Sign up'}
      </button>
    </form>
  </div>
  <p class="mt-4 text-center text-sm text-slate-600">
    ${signIn ? html`No account yet? <a class="font-medium text-indigo-600 hover:underline" href="signup">Sign up</a>` : html`Have an account? <a class="font-medium text-indigo-600 hover:underline" href="signin">Sign in</a>`}
  </p>
</main>`;
  return layout({ title: signIn ? 'Sign in' : 'Sign up', root: '', body });
}
