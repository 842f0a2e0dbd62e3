import type { CatalogEntry } from '../catalog-entry';
import { adyen } from './definition';

export const entry: CatalogEntry = { definition: adyen };
