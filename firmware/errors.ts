// Errors with stable codes: what a caller may test (`error.code === 'TC_ERR_…'`) whatever the words of
// the message become. The base class lives here because the firmware throws too and may not reach into
// src/; src/errors.ts holds the table of every code outside the cloud, and docs/errors.md says what to do.

/** The firmware's own codes, with what each means. */
export const FIRMWARE_ERROR_CODES = {
  TC_ERR_DEVICE_MODEL: 'a device model (devices/*.json) has a field that is missing or wrong',
  TC_ERR_FIRMWARE_NO_STORE: 'the clock machine was run without a store (clockMachine instead of clockMachineOn)',
} as const;

/** An error that carries a stable code; subclasses keep their names for callers that use instanceof. */
export class TimeclockError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TimeclockError';
  }
}
