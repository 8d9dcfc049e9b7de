/**
 * The public API as a user sees it: every export of every entry of the package (package.json
 * "exports": `retention-metrics`, `retention-metrics/json-schema`, `retention-metrics/locale/ru`),
 * by name. No two entries export the same name (test/layers.test.ts checks the entries).
 */
import * as root from '../../src/index.js';
import * as jsonSchema from '../../src/json-schema.js';
import * as localeRu from '../../src/locale-ru.js';

export const publicApi = { ...root, ...jsonSchema, ...localeRu };
