import type { CatalogEntry } from '../catalog-entry';
import { slack } from './definition';

export const entry: CatalogEntry = { definition: slack };
