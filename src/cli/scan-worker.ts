import { serveScans } from './scan-worker-entry.js';

// The unbundled pool worker (a build without the bundling step): the bundle's loader calls serveScans itself.
serveScans();
