import { createLogger } from '../../functions/composition/create-logger.js';

export const silentLogger = () => createLogger('SILENT');
