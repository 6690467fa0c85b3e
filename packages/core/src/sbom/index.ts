export { SbomService } from './sbom.service.ts';
export { presentComponentUsage, presentInventoryComponent } from './sbom.presenter.ts';
