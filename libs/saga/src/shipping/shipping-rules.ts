import type { ShipmentFailure, ShippingAddress } from '../events';

/** The deterministic stand-in for a carrier (docs/product.md#business-rules). */
export const shippingRules = {
  unserviceableCountries: ['AQ', 'KP'] as readonly string[],
  invalidPostalCode: '00000',
} as const;

export function shippingFailureFor(address: ShippingAddress): ShipmentFailure | undefined {
  if (shippingRules.unserviceableCountries.includes(address.country)) return 'unserviceable_country';
  if (address.postalCode === shippingRules.invalidPostalCode) return 'invalid_postal_code';
  return undefined;
}
