// The project-wide, targeted recipe for Jest 29's jsdom environment: map the two self-initialising
// entries to what Node's require() resolves them to (node.cjs, numbers.cjs), leaving the
// environment's `browser` condition to every other package.
'use strict';
module.exports = {
  ...require('./package.json').jest,
  moduleNameMapper: {
    '^cnid-verify$': require.resolve('cnid-verify'),
    '^cnid-verify/numbers$': require.resolve('cnid-verify/numbers'),
  },
};
