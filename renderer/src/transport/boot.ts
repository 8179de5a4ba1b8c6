/**
 * Everything the window needs to talk to core, loaded as its own chunk beside the first paint's code:
 * the contract's schemas (zod) are the largest part of the console's JavaScript, and the Labs page's
 * React code does not need them to start.
 */
export { consoleSession } from './console-session';
export { connectClient, setSessionToken } from './connect';
export { preloadBridge } from './ipc-transport';
