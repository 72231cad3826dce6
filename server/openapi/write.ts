/** `npm run openapi`: writes the document the server serves to server/openapi.json, for readers of the repo. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from './document.ts';

export const OPENAPI_FILE = join(import.meta.dirname, '..', 'openapi.json');

writeFileSync(OPENAPI_FILE, JSON.stringify(openApiDocument(), null, 2) + '\n');
console.log(`wrote ${OPENAPI_FILE}`);
