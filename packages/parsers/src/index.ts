export * from './parser.ts';
export { parsers, parserForScanType, supportedScanTypes } from './registry.ts';
export { normalizeSeverity, severityFromCvss, SEVERITY_ORDER } from './common/severity.ts';
export { withoutCutMarks } from './common/long-strings.ts';
export { asArray, parseXml, textOf } from './common/xml.ts';
export { cutLongJsonStrings, JsonStringCutter, looksLikeJson } from './common/json-cut.ts';
