// The finding's field limits are part of the API contract (the request schemas validate against
// them); the importer cuts imported values to the same numbers.
export { FINDING_LIMITS } from '@vigil/contract/values';
