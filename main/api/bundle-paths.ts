/**
 * The console's two byte routes for bundles, beside the JSON methods: the page uploads a bundle
 * file with `PUT UPLOAD_PATH` (the owner's session, raw bytes; answers `{ ok, result: { upload,
 * bytes } }`), and downloads an export from the one-time path `bundles.download` answers.
 */
export const BUNDLE_UPLOAD_PATH = '/api/bundles/upload';
export const BUNDLE_DOWNLOAD_PREFIX = '/api/bundles/download/';
