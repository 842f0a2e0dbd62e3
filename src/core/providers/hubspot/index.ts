import type { CatalogEntry } from '../catalog-entry';
import { hubspot } from './definition';

export const entry: CatalogEntry = { definition: hubspot };
