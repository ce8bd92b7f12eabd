/**
 * Composition for the harvest command line (src/cli/harvest.ts): the command layer may not import resources, so the
 * harvest — which publishes through the catalogue's commands — is reached through here, as the app reaches it.
 */
export { harvestAll, harvestProvider } from '../resources/quality/harvest.js';
