import { createHash } from 'node:crypto';

/**
 * The report page's own stylesheet and script, inlined so the page opens from a file with no network.
 * The page's Content-Security-Policy allows these two by hash and nothing else: no other script,
 * style, frame, form target or network request, whatever the bundle's text turns out to contain.
 */

export const STYLE = `
:root { --error: #b3261e; --warning: #8a5a00; --note: #1f5fa8; --line: #d0d7de; --muted: #57606a; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1f2328; }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 16px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 16px; margin: 24px 0 8px; }
.meta { color: var(--muted); margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { white-space: nowrap; }
td.where, .where { word-break: break-all; }
th { background: var(--bg-soft); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.counts { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 110px; }
.count b { font-size: 20px; display: block; }
.sev { white-space: nowrap; font-weight: 600; text-transform: uppercase; font-size: 11px; letter-spacing: .04em; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-note { color: var(--note); }
.scroll { overflow-x: auto; }
.matrix td { font-size: 12px; min-width: 90px; }
.matrix td.hit { background: #fff4e5; }
.matrix td.named { background: #f3f4f6; }
.filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: end; padding: 8px 0; position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
.filters select, .filters input, .filters button { font: inherit; padding: 3px 6px; }
:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.finding { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); } .finding.note { border-left-color: var(--note); }
.finding[hidden] { display: none; }
.finding .where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.finding p { margin: 4px 0; overflow-wrap: anywhere; }
pre { background: var(--bg-soft); padding: 6px 8px; border-radius: 4px; overflow-x: auto; margin: 4px 0; font-size: 12px; }
details summary { cursor: pointer; color: #0969da; }
ol.path { margin: 4px 0; padding-left: 24px; font-size: 13px; }
ol.path .where { display: block; }
.tag { display: inline-block; font-size: 11px; border: 1px solid var(--line); border-radius: 10px; padding: 0 6px; margin-left: 4px; color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
a { color: #0969da; }
`;

export const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var shown = document.getElementById('shown');
  function value(name) { return form.elements[name].value; }
  function apply() {
    var rule = value('rule'), severity = value('severity'), file = value('file').trim().toLowerCase();
    var count = 0;
    findings.forEach(function (el) {
      var visible = (rule === '' || el.dataset.rule === rule) && (severity === '' || el.dataset.severity === severity) &&
        (file === '' || el.dataset.file.toLowerCase().indexOf(file) !== -1);
      el.hidden = !visible;
      if (visible) count++;
    });
    shown.textContent = String(count);
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  var toggle = document.getElementById('toggle-paths');
  if (toggle) toggle.addEventListener('click', function () {
    var open = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(open));
    toggle.textContent = open ? 'Collapse all paths' : 'Expand all paths';
    document.querySelectorAll('details.path').forEach(function (d) { d.open = open; });
  });
  apply();
})();
`;

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Only the page's own style and script run; nothing loads from anywhere. */
export function contentSecurityPolicy(withScript: boolean): string {
  const script = withScript ? hash(SCRIPT) : "'none'";
  return `default-src 'none'; style-src ${hash(STYLE)}; script-src ${script}; img-src data:; base-uri 'none'; form-action 'none'`;
}
