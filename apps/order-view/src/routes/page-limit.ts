/** `limit` of the list endpoints: default 50, at most 500 rows per page. */
export const pageLimit = { type: 'integer', minimum: 1, maximum: 500, default: 50 } as const;
