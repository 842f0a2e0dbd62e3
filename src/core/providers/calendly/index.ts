import type { CatalogEntry } from '../catalog-entry';
import { calendly } from './definition';

export const entry: CatalogEntry = { definition: calendly };
