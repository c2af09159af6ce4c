// Proximity card numbers: the decimal value of an EM4100 tag's lower 32 bits. One rule for every way a
// number reaches the clock (a reader, a rig, a test, the cloud).

export const MAX_CARD_NUMBER = 0xffffffff;

/** The card number in the clock's form (decimal, no leading zeros), or undefined when it is not one. */
export function parseCardNumber(text: string | number): string | undefined {
  const value = typeof text === 'number' ? String(text) : text.trim();
  if (!/^\d{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= MAX_CARD_NUMBER ? String(n) : undefined;
}
