import type { ErrorCode } from '../api/labdeck-error';

const BAD_INPUT: ErrorCode[] = ['BAD_REQUEST', 'UNKNOWN_METHOD', 'TEMPLATE_INVALID', 'TEMPLATE_NOT_FOUND', 'TEMPLATE_UNTRUSTED', 'ENGINE_ACCESS_REFUSED', 'FAULT_INVALID', 'SCENARIO_NOT_FOUND', 'SCENARIO_INVALID', 'BUNDLE_INVALID', 'BUNDLE_SIGNATURE', 'KEY_INVALID'];

/** 2 for bad usage or bad input, 1 when the thing itself failed. */
export const exitCodeFor = (code: string): number => (BAD_INPUT.includes(code as ErrorCode) ? 2 : 1);
