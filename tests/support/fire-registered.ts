import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The first import of a test of the platform with the fire department registered. The registry
 * (DEPARTMENTS_FILE) and the folder of the schema files composed from it (SCHEMA_DIR, a fresh
 * one, filled by composeFireSchema) are read when the platform's modules load, so they are set
 * here, before any of them is imported; the committed schema/ stays the default registry's.
 */
process.env.DEPARTMENTS_FILE = 'examples/fire-department/departments.json';
process.env.SCHEMA_DIR = mkdtempSync(join(tmpdir(), 'fengqiao-fire-schema-'));
