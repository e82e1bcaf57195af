import { contentSecurityPolicy, SCRIPT, STYLE } from './assets.js';
import { html, trusted, type Html } from './template.js';

/** A complete, self-contained document around a page's body. */
export function page(title: string, body: Html, withScript: boolean): string {
  return `<!DOCTYPE html>\n${html`<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(withScript)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title><style>${trusted(STYLE)}</style></head>
<body>${body}${withScript ? html`<script>${trusted(SCRIPT)}</script>` : ''}</body></html>`.text}\n`;
}
