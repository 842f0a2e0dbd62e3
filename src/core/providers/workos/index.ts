import type { CatalogEntry } from '../catalog-entry';
import { workos } from './definition';

export const entry: CatalogEntry = { definition: workos };
