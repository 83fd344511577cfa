// The HTML page of a bundler-matrix consumer (used by bundlers/build.mjs and parcel/build.mjs):
// <html data-consumer> names the consumer for the report; `body` holds the entry's script.
export function page(name, body) {
  return `<!doctype html>
<html lang="en" data-consumer="${name}">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <title>cnid-verify consumer: ${name}</title>
  <script>
    // A module that fails to load or evaluate (e.g. its top-level await rejects) never reports.
    addEventListener('error', (e) => {
      window.__result ??= { consumer: document.documentElement.dataset.consumer, error: String(e.error?.stack ?? e.message) };
    });
  </script>
</head>
<body>
  <pre id="out">running…</pre>
  ${body}
</body>
</html>
`;
}
