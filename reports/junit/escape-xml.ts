// XML 1.0 forbids most control characters outright (escaping does not help),
// so they are replaced; the five markup characters become entities. The
// result is safe in both text content and double/single-quoted attributes.

// Allowed: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, and astral planes
// (surrogate pairs). Lone surrogates and U+FFFE/U+FFFF are not.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '\uFFFD').replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
