import { describe, expect, it } from 'vitest';
import { jsonForScript } from './embed-json.ts';
import { escapeHtml, html, trusted } from './safe-html.ts';

describe('html template', () => {
  it('escapes interpolated strings but not nested html or trusted markup', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${trusted('<br>')}${['a&', 1]}${false}${undefined}</p>`.value).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b><br>a&amp;1</p>',
    );
  });

  it('escapes all five special characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('jsonForScript', () => {
  it('contains no character that could end or confuse a script element, and round-trips', () => {
    const data = { s: '</script><!-- & \u2028 -->' };
    const encoded = jsonForScript(data);
    expect(encoded).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(encoded)).toEqual(data);
  });
});
