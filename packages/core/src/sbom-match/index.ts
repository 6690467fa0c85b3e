export * from './sbom-match.service.ts';
