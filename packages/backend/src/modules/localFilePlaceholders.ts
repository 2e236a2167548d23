import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  PlaceholderResolverParams,
  processingResult,
} from '@backstage/plugin-catalog-node';

import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * `$text` for entities read from `file` locations.
 *
 * The built-in resolver only forms URLs, so `definition: { $text: ./apis/x.yaml }`
 * fails for the file locations the demo catalog uses (backstage/backstage#14372).
 * File locations come only from app-config (the catalog API accepts `url` locations
 * only), so reading beside them is as trusted as the location itself.
 */
export async function resolveTextPlaceholder(
  params: PlaceholderResolverParams,
): Promise<string> {
  const { key, value, baseUrl } = params;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`Placeholder $${key} expects a path or URL string`);
  }
  if (!path.isAbsolute(baseUrl)) {
    // A URL location: same behaviour as the built-in resolver.
    const url = params.resolveUrl(value, baseUrl);
    let data: Buffer;
    try {
      data = await params.read(url);
    } catch (e) {
      throw new Error(
        `Placeholder $${key} could not read location ${value}, ${e}`,
      );
    }
    params.emit(processingResult.refresh(`url:${url}`));
    return data.toString('utf-8');
  }
  const file = path.resolve(path.dirname(baseUrl), value);
  try {
    return await fs.readFile(file, 'utf-8');
  } catch (e) {
    throw new Error(
      `Placeholder $${key} could not read file ${value} (resolved to ${file}) for location ${baseUrl}: ${
        (e as Error).message
      }`,
    );
  }
}

export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'local-file-placeholders',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addPlaceholderResolver('text', resolveTextPlaceholder);
      },
    });
  },
});
