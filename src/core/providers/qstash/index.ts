import type { CatalogEntry } from '../catalog-entry';
import { qstash } from './definition';

export const entry: CatalogEntry = { definition: qstash };
