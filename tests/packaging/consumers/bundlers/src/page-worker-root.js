// Starts worker-root.js as a module worker (the pattern bundlers recognise) and reports its result.
import { reportWorker } from './scenario.js';

reportWorker(new Worker(new URL('./worker-root.js', import.meta.url), { type: 'module' }), 'cnid-verify');
