import type { Usage } from '../types.js';

export { describeUsage } from '../analyzers/privacy-categories.js';

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
