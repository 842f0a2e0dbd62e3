import type { CatalogEntry } from '../catalog-entry';
import { docusign } from './definition';

export const entry: CatalogEntry = { definition: docusign };
