export {
  DEFAULT_COMPACT_AT_BYTES,
  EMULATOR_KEY,
  startEmbeddedCosmos,
  type EmbeddedCosmos,
  type EmbeddedCosmosOptions,
  type EmbeddedCosmosStats,
} from './embeddedCosmos';
export { RecoveryError } from './recovery';
export { JournalCorruptError } from './journalFile';
export { readStoreKey } from './storeKey';
