import type { OrderLine, ShippingAddress } from '../events';
import { isCountryCode } from './countries';
import { decimalToCents, orderTotalCents } from './money';
import { FieldError, OrderRequest, Validated, orderLimits } from './order-request';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields a `POST /orders` body may carry, per level. */
const allowedFields = {
  body: ['customerId', 'items', 'paymentToken', 'shippingAddress'],
  item: ['sku', 'quantity', 'unitPrice'],
  address: ['name', 'line1', 'city', 'postalCode', 'country'],
} as const;

/**
 * A field this API does not know is refused, not dropped: a client that sent `shippingAdress` or `qty` would
 * otherwise get an order other than the one it meant. Only the HTTP command is this strict; events stay evolvable
 * through their schema versions.
 */
function refuseUnknown(value: Json, allowed: readonly string[], at: string, fail: (field: string, message: string) => undefined): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(at ? `${at}.${key}` : key, `is not allowed (known fields: ${allowed.join(', ')})`);
  }
}

/** Collects every field error in one pass so the client can fix its request in one round trip. */
export function validateOrderRequest(body: unknown): Validated<OrderRequest> {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string): undefined => {
    errors.push({ field, message });
    return undefined;
  };
  const text = (value: unknown, field: string, maxLength: number): string | undefined => {
    if (typeof value !== 'string' || value.trim() === '') return fail(field, 'must be a non-empty string');
    if (value.length > maxLength) return fail(field, `must be at most ${maxLength} characters`);
    return value;
  };

  if (!isObject(body)) return { ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] };
  refuseUnknown(body, allowedFields.body, '', fail);

  const customerId = text(body.customerId, 'customerId', orderLimits.maxCustomerIdLength);
  const paymentToken = text(body.paymentToken, 'paymentToken', orderLimits.maxPaymentTokenLength);
  const items = validateItems(body.items, fail, text);
  const shippingAddress = validateAddress(body.shippingAddress, fail, text);

  if (errors.length > 0 || !customerId || !paymentToken || !items || !shippingAddress) return { ok: false, errors };
  return { ok: true, value: { customerId, items, paymentToken, shippingAddress } };
}

type Fail = (field: string, message: string) => undefined;
type Text = (value: unknown, field: string, maxLength: number) => string | undefined;

function validateItems(value: unknown, fail: Fail, text: Text): OrderLine[] | undefined {
  const { minItems, maxItems, minQuantity, maxQuantity, maxUnitPriceCents, maxTotalCents } = orderLimits;
  if (!Array.isArray(value)) return fail('items', 'must be an array');
  if (value.length < minItems || value.length > maxItems) {
    return fail('items', `must hold ${minItems} to ${maxItems} items`);
  }
  const lines: OrderLine[] = [];
  const seen = new Set<string>();
  value.forEach((item: unknown, index) => {
    const at = `items[${index}]`;
    if (!isObject(item)) return fail(at, 'must be an object');
    refuseUnknown(item, allowedFields.item, at, fail);
    const sku = text(item.sku, `${at}.sku`, orderLimits.maxSkuLength);
    if (sku !== undefined && seen.has(sku)) fail(`${at}.sku`, 'appears more than once: use one line per SKU');
    if (sku !== undefined) seen.add(sku);
    const { quantity, unitPrice } = item;
    const quantityOk =
      typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= minQuantity && quantity <= maxQuantity;
    if (!quantityOk) fail(`${at}.quantity`, `must be an integer from ${minQuantity} to ${maxQuantity}`);
    const cents = typeof unitPrice === 'number' && unitPrice > 0 ? decimalToCents(unitPrice) : undefined;
    const priceOk = cents !== undefined && cents >= 1 && cents <= maxUnitPriceCents;
    if (cents === undefined || cents < 1) fail(`${at}.unitPrice`, 'must be a number > 0 with at most 2 decimals');
    else if (!priceOk) fail(`${at}.unitPrice`, `must be at most ${maxUnitPriceCents / 100}`);
    if (sku !== undefined && quantityOk && priceOk) {
      lines.push({ sku, quantity: quantity as number, unitPriceCents: cents });
    }
    return undefined;
  });
  if (lines.length !== value.length) return undefined;
  if (orderTotalCents(lines) > maxTotalCents) return fail('items', `order total must be at most ${maxTotalCents / 100}`);
  return lines;
}

function validateAddress(value: unknown, fail: Fail, text: Text): ShippingAddress | undefined {
  if (!isObject(value)) return fail('shippingAddress', 'must be an object');
  refuseUnknown(value, allowedFields.address, 'shippingAddress', fail);
  const lengths = orderLimits.addressFieldLengths;
  const name = text(value.name, 'shippingAddress.name', lengths.name);
  const line1 = text(value.line1, 'shippingAddress.line1', lengths.line1);
  const city = text(value.city, 'shippingAddress.city', lengths.city);
  const postalCode = text(value.postalCode, 'shippingAddress.postalCode', lengths.postalCode);
  const country = typeof value.country === 'string' && isCountryCode(value.country) ? value.country : undefined;
  if (country === undefined) fail('shippingAddress.country', 'must be an ISO 3166 alpha-2 code such as "FR"');
  if (!name || !line1 || !city || !postalCode || !country) return undefined;
  return { name, line1, city, postalCode, country };
}
