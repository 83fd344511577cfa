// Starts worker-web.js as a module worker (the pattern bundlers recognise) and reports its result.
import { reportWorker } from './scenario.js';

reportWorker(new Worker(new URL('./worker-web.js', import.meta.url), { type: 'module' }), 'cnid-verify/web');
