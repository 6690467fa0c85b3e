/** Where original reports are kept, content-addressed, so a test can be re-parsed later. */
export interface ArtifactStore {
  /** Stores the bytes (idempotent) and returns their key: 'sha256:<hex>'. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes stored under a key; throws when absent. */
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
}
