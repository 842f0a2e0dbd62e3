import type { CatalogEntry } from '../catalog-entry';
import { twilio } from './definition';

export const entry: CatalogEntry = { definition: twilio };
