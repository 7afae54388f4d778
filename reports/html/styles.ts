// The report's only stylesheet, inlined: a light theme in system fonts that
// also prints (banner colours kept, figures not split across pages).
export const REPORT_CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --chaos: #bc4c00; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1000px; padding: 24px 28px 48px; color: var(--fg); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: 0 0 2px; }
h2 { font-size: 1.25rem; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.02rem; margin: 22px 0 8px; }
header .subtitle { color: var(--muted); margin: 0 0 18px; }
.muted { color: var(--muted); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
nav.toc { font-size: 0.9em; margin-bottom: 18px; }
nav.toc a { color: #0969da; margin-right: 14px; text-decoration: none; }

.verdict { border-radius: 8px; padding: 14px 18px; border: 2px solid; }
.verdict.passed { background: var(--pass-bg); border-color: var(--pass); }
.verdict.failed { background: var(--fail-bg); border-color: var(--fail); }
.verdict-word { font-size: 2rem; font-weight: 800; letter-spacing: 0.06em; margin: 0; }
.verdict.passed .verdict-word { color: var(--pass); }
.verdict.failed .verdict-word { color: var(--fail); }
.verdict-reason { margin: 0 0 10px; font-weight: 600; }
.verdict table { background: #fff; }
.runner-warning { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; margin: 0 0 10px; }

table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 0.93em; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--bg-soft); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: normal; }
table.numbers td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mark { width: 1.5em; font-weight: 700; text-align: center; }
tr.ok td.mark { color: var(--pass); }
tr.fail td.mark { color: var(--fail); }
tr.fail { background: #fff5f5; }
tr.submetric th { padding-left: 28px; color: var(--muted); }
.table-scroll { overflow-x: auto; }

dl.settings { display: grid; grid-template-columns: repeat(auto-fill, minmax(400px, 1fr)); gap: 6px 24px; margin: 0; }
dl.settings div, dl.env div { display: flex; gap: 10px; border-bottom: 1px dotted var(--line); padding: 3px 0; }
dl dt { color: var(--muted); min-width: 96px; flex-shrink: 0; }
dl dd { margin: 0; overflow-wrap: anywhere; }
dl.env { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 4px 24px; margin: 8px 0 0; }
details summary { cursor: pointer; color: var(--muted); margin-top: 10px; }

figure { margin: 18px 0 26px; break-inside: avoid; page-break-inside: avoid; }
figcaption { margin-bottom: 4px; }
figcaption .unit { color: var(--muted); }
svg.chart { width: 100%; height: auto; display: block; font-size: 11px; font-family: inherit; }
svg.chart .plot-bg { fill: #fff; }
svg.chart .grid { stroke: #e6eaef; stroke-width: 1; }
svg.chart .axis { stroke: #8c959f; stroke-width: 1; }
svg.chart .tick { fill: var(--muted); }
svg.chart .axis-title { fill: var(--muted); font-size: 11px; }
svg.chart path.series { fill: none; stroke-width: 1.8; stroke-linejoin: round; stroke-linecap: round; }
svg.chart .chaos rect { fill: #fb8f44; fill-opacity: 0.16; stroke: #fb8f44; stroke-opacity: 0.5; stroke-dasharray: 3 3; }
svg.chart .chaos line { stroke: var(--chaos); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .chaos text { fill: var(--chaos); font-size: 11px; font-weight: 600; }
svg.chart .bar-value { fill: var(--fg); font-size: 10.5px; }
svg.chart .warmup rect { fill: #8c959f; fill-opacity: 0.13; }
svg.chart .warmup text { fill: var(--muted); font-size: 11px; font-style: italic; }
svg.chart .row-label { fill: var(--fg); font-size: 11.5px; }
svg.chart .segment-value { fill: #fff; font-size: 10.5px; font-weight: 600; }
svg.chart .marker line, svg .marker-swatch { stroke: var(--fg); stroke-width: 2.5; }
p.headline { font-size: 1.05em; font-weight: 600; }
p.note { background: #fff8c5; border-left: 3px solid #d4a72c; padding: 6px 10px; }
ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 4px 0 0 78px; font-size: 0.88em; }
ul.legend li { display: flex; align-items: center; gap: 6px; }
details.query { font-size: 0.85em; }
details.query code { display: block; background: var(--bg-soft); padding: 6px 8px; border-radius: 4px; }

.no-data { color: var(--muted); font-style: italic; }
.chart-empty { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 4px;
  height: 140px; border: 1px dashed var(--line); border-radius: 6px; background: var(--bg-soft); font-style: normal; }
.chart-empty strong { font-size: 1.1em; color: var(--fg); }

footer { margin-top: 40px; color: var(--muted); font-size: 0.85em; border-top: 1px solid var(--line); padding-top: 8px; }

@media print {
  body { max-width: none; padding: 0; font-size: 12px; }
  nav.toc, details.query { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; }
}
`;
