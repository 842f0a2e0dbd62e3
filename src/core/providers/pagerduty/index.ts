import type { CatalogEntry } from '../catalog-entry';
import { pagerduty } from './definition';

export const entry: CatalogEntry = { definition: pagerduty };
