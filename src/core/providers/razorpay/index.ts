import type { CatalogEntry } from '../catalog-entry';
import { razorpay } from './definition';

export const entry: CatalogEntry = { definition: razorpay };
