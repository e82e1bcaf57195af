import type { Usage } from '../types.js';

/** How a usage reads in a message: `wx.getLocation`, `<camera>`, `open-type="getPhoneNumber"`. */
export function describeUsage(usage: Usage): string {
  switch (usage.kind) {
    case 'api':
      return usage.namespace ? `${usage.namespace}.${usage.name}` : usage.name;
    case 'component':
      return `<${usage.name}>`;
    case 'open-type':
      return `open-type="${usage.name}"`;
    case 'input-type':
      return `<input type="${usage.name}">`;
  }
}

/** A short note appended to messages about how the API was reached, where it is not plain. */
export function viaNote(usage: Usage): string {
  switch (usage.via) {
    case 'framework':
      return ` (${usage.namespace} compiles to the platform API)`;
    case 'value':
      return ' (passed as a function value)';
    default:
      return '';
  }
}
