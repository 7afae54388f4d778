// Embeds data in `<script type="application/json">`. Inside a script element
// the HTML parser only looks for `</script` (and `<!--`), so escaping every `<`
// makes the block unbreakable; U+2028/2029 are escaped so the text is also a
// valid JS string literal if someone pastes it into code.
import { SafeHtml, escapeHtml } from './safe-html.ts';

export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function jsonScriptElement(id: string, data: unknown): SafeHtml {
  return new SafeHtml(`<script type="application/json" id="${escapeHtml(id)}">${jsonForScript(data)}</script>`);
}
