import type { CatalogEntry } from '../catalog-entry';
import { standardWebhooks } from './definition';

export const entry: CatalogEntry = { definition: standardWebhooks };
