import type { Parser } from '../parser.ts';
import { parseJson } from '../common/json.ts';
import { guardParseSync } from '../common/json-shape.ts';
import { sarifFindings, sarifRuns } from './sarif-findings.ts';
import { streamSarif } from './sarif-stream.ts';

/** SARIF 2.1.0 from any tool; one finding per result location (DefectDojo "SARIF"). */
export const sarifParser: Parser = {
  id: 'sarif',
  scanTypes: ['SARIF'],
  description: 'SARIF 2.1.0 report from any static-analysis tool (JSON).',
  fileTypes: ['sarif', 'json'],
  dedup: {
    algorithm: 'unique_id_from_tool_or_hash_code',
    hashFields: ['title', 'cwe', 'line', 'filePath', 'description'],
  },
  parse(input) {
    const doc = parseJson(input, 'SARIF report');
    return guardParseSync('SARIF report', () => sarifFindings(sarifRuns(doc)));
  },
  stream: (source) => streamSarif(source),
};
