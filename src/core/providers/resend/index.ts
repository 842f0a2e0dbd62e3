import type { CatalogEntry } from '../catalog-entry';
import { resend } from './definition';

export const entry: CatalogEntry = { definition: resend };
