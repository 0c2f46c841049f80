import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Asset {
  contentType: string;
  body: Buffer | string;
}

/**
 * The page is ours (no inline script, so the CSP can forbid them); swagger-ui-dist supplies
 * the bundle. Paths are relative, so the UI works wherever the gateway is mounted.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Learning platform API</title>
  <link rel="stylesheet" href="docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/assets/swagger-ui-bundle.js"></script>
  <script src="docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="docs/assets/docs-init.js"></script>
</body>
</html>
`;

const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: 'docs/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
`;

const DIST_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const cache = new Map<string, Asset>();

/** A file of the docs UI by name (a fixed list, so no path ever reaches the file system), read once. */
export function docsAsset(name: string): Asset | undefined {
  if (name === 'docs-init.js')
    return { contentType: 'application/javascript; charset=utf-8', body: INIT_SCRIPT };
  const contentType = Object.prototype.hasOwnProperty.call(DIST_FILES, name) ? DIST_FILES[name] : undefined;
  if (!contentType) return undefined;
  let asset = cache.get(name);
  if (!asset) {
    const root = dirname(require.resolve('swagger-ui-dist/package.json'));
    asset = { contentType, body: readFileSync(join(root, name)) };
    cache.set(name, asset);
  }
  return asset;
}
