/** Order ids are the UUIDs order-service issues; anything longer cannot be one. */
export const orderIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
