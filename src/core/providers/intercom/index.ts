import type { CatalogEntry } from '../catalog-entry';
import { intercom } from './definition';

export const entry: CatalogEntry = { definition: intercom };
