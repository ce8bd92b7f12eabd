import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rdf from '@zazuko/env';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { projectRoot } from '../../src/paths.js';

const SHAPES = join(projectRoot, 'data/reference/cpsv-ap-no/shacl/CPSV-AP-NO_shacl_shapes_v1.ttl');

export interface ShaclResult {
  severity: string;
  focusNode: string;
  path: string;
  message: string;
  shape: string;
}

let validator: SHACLValidator | undefined;

/** Validates Turtle against Digdir's CPSV-AP-NO shapes; every result, whatever its severity. */
export async function validateCpsv(turtle: string): Promise<ShaclResult[]> {
  validator ??= new SHACLValidator(rdf.dataset(new Parser().parse(readFileSync(SHAPES, 'utf8'))), { factory: rdf });
  const data = rdf.dataset(new Parser().parse(turtle));
  const report = await validator.validate(data);
  return report.results.map((r) => ({
    severity: (r.severity?.value ?? '').replace('http://www.w3.org/ns/shacl#', 'sh:'),
    focusNode: r.focusNode?.value ?? '',
    path: r.path?.value ?? '',
    message: r.message.find((m) => m.termType === 'Literal' && m.language === 'en')?.value ?? r.message[0]?.value ?? '',
    shape: (r.sourceShape?.value ?? '').replace('https://data.norge.no/vocabulary/cpsvno-shacl#', ':'),
  }));
}

/**
 * Violations are results of any severity but Warning and Info. The shapes spell some severities
 * "sh:Voilation" (see data/reference/cpsv-ap-no/PROVENANCE.md); those count as violations here.
 */
export const violations = (results: ShaclResult[]) => results.filter((r) => r.severity !== 'sh:Warning' && r.severity !== 'sh:Info');
