/** Builds .wxapkg bytes in the documented layout, for tests (and hostile variants of it). */
export interface PackEntry {
  name: string;
  content: string | Uint8Array;
  /** Override the offset written in the index (to test bad packages). */
  offset?: number;
  /** Override the size written in the index. */
  size?: number;
}

export function packWxapkg(entries: readonly PackEntry[]): Buffer {
  const names = entries.map((entry) => Buffer.from(entry.name, 'utf8'));
  const bodies = entries.map((entry) => (typeof entry.content === 'string' ? Buffer.from(entry.content, 'utf8') : Buffer.from(entry.content)));
  const indexLength = 4 + names.reduce((sum, name) => sum + 12 + name.length, 0);
  const dataStart = 14 + indexLength;
  const dataLength = bodies.reduce((sum, body) => sum + body.length, 0);
  const out = Buffer.alloc(dataStart + dataLength);
  out.writeUInt8(0xbe, 0);
  out.writeUInt32BE(0, 1);
  out.writeUInt32BE(indexLength, 5);
  out.writeUInt32BE(dataLength, 9);
  out.writeUInt8(0xed, 13);
  let cursor = 14;
  out.writeUInt32BE(entries.length, cursor);
  cursor += 4;
  let offset = dataStart;
  entries.forEach((entry, i) => {
    out.writeUInt32BE(names[i]!.length, cursor);
    cursor += 4;
    names[i]!.copy(out, cursor);
    cursor += names[i]!.length;
    out.writeUInt32BE(entry.offset ?? offset, cursor);
    out.writeUInt32BE(entry.size ?? bodies[i]!.length, cursor + 4);
    cursor += 8;
    bodies[i]!.copy(out, offset);
    offset += bodies[i]!.length;
  });
  return out;
}

const WRAPPER_PARAMS = 'require, module, exports, window, document, frames, self, location, navigator, localStorage, history, Caches, screen, alert, confirm, prompt, XMLHttpRequest, WebSocket, Reporter, webkit, WeixinJSCore';

/** An app-service.js as the WeChat compiler emits it: one define() wrapper per source module. */
export function serviceBundle(modules: Record<string, string>): string {
  const defines = Object.entries(modules).map(([path, code]) => `define("${path}", function(${WRAPPER_PARAMS}){${code}});`);
  return `var __wxAppData = __wxAppData || {};var __wxRoute;var __wxRouteBegin;\n${defines.join('\n')}\n__wxRoute = 'pages/index/index';__wxRouteBegin = true;require("pages/index/index.js");`;
}
