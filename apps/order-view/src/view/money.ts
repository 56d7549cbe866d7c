/**
 * Integer cents to the decimal clients use. Dividing an integer by 100 yields the double nearest to the exact
 * quotient, i.e. the same number JSON.parse gives for "19.99", so no rounding step is needed.
 */
export function centsToDecimal(cents: number): number {
  return cents / 100;
}
