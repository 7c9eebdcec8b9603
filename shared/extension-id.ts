/** The unpacked extension's id, fixed by the public `key` in wxt.config.ts. */
export const EXTENSION_ID = 'olheelohikadmnoihhjhfmpocdepfcbi';
