// JSON Schemas of the API's inputs and outputs: fastify validates requests with them (ajv) and the
// OpenAPI document is built from them. Field rules repeat validate.ts's so that a script learns them from
// the document; the portal module checks them again for the pages.
export const SERIAL = { type: 'string', pattern: '^[0-9A-Za-z_-]{1,32}$', description: '1–32 letters, digits, - or _' };
const BADGE = { type: 'string', pattern: '^[0-9A-Za-z]{1,24}$', description: '1–24 letters or digits' };
const ROLE = { type: 'string', enum: ['user', 'manager', 'administrator'] };
const CLOCKS = { type: 'array', items: SERIAL, maxItems: 10_000, description: 'serial numbers of the clocks' };
const TEMPLATE = {
  type: 'object',
  required: ['fid', 'template'],
  additionalProperties: false,
  properties: {
    fid: { type: 'integer', minimum: 0, maximum: 9, description: 'finger index 0–9' },
    template: { type: 'string', pattern: '^[A-Za-z0-9+/]+={0,2}$', maxLength: 65_536, description: 'base64' },
    valid: { type: 'boolean' },
  },
};

export const clocksSectionBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    badge: BADGE,
    nonSecure: { type: 'boolean' },
    role: ROLE,
    clocks: CLOCKS,
    card: { type: 'string', pattern: '^(|[1-9][0-9]{0,9})$', description: 'decimal card number, or empty' },
  },
};

export const newEmployeeBody = {
  type: 'object',
  required: ['employeeId', 'lastName', 'badge'],
  additionalProperties: false,
  properties: {
    ...clocksSectionBody.properties,
    employeeId: SERIAL,
    firstName: { type: 'string', maxLength: 64 },
    lastName: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', pattern: '^[0-9]{0,8}$', description: 'up to 8 digits' },
    templates: { type: 'array', items: TEMPLATE, maxItems: 10 },
  },
};

export const addRemoveBody = {
  type: 'object',
  required: ['clocks'],
  additionalProperties: false,
  properties: { clocks: CLOCKS },
};

export const newClockBody = {
  type: 'object',
  required: ['sn'],
  additionalProperties: false,
  properties: {
    sn: SERIAL,
    name: { type: 'string', maxLength: 64 },
    auth: {
      type: 'string',
      enum: ['key', 'serial'],
      description: 'key (default): the clock proves itself with a device key; serial: a plain PUSH clock',
    },
    deliverKey: { type: 'boolean', description: 'true (default): the clock’s first handshake takes its key' },
  },
};

export interface NewClockBody {
  sn: string;
  name?: string;
  auth?: 'key' | 'serial';
  deliverKey?: boolean;
}

export const commandBody = {
  type: 'object',
  description: '{ text } as on the wire after C:<id>:, or { command } as a value',
  properties: {
    text: { type: 'string', minLength: 1, maxLength: 65_536 },
    command: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
  },
  oneOf: [{ required: ['text'] }, { required: ['command'] }],
};

export const goAwayBody = {
  type: 'object',
  required: ['forMs'],
  properties: { forMs: { type: 'integer', minimum: 1, maximum: 3_600_000 } },
};

export const idParams = (name: string) => ({
  type: 'object',
  required: [name],
  properties: { [name]: { type: 'string', minLength: 1, maxLength: 64 } },
});

export const limitQuery = (max: number) => ({
  limit: { type: 'integer', minimum: 1, maximum: max },
});

export const searchQuery = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 100 },
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    ...limitQuery(1_000),
  },
};

export const commandsQuery = {
  type: 'object',
  properties: { state: { type: 'string', enum: ['queued', 'sent', 'done', 'failed'] }, ...limitQuery(100_000) },
};

const TIMESTAMP = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$',
  description: 'YYYY-MM-DD HH:MM:SS',
};
export const punchesQuery = {
  type: 'object',
  properties: {
    from: TIMESTAMP,
    to: TIMESTAMP,
    after: { type: 'string', pattern: '^\\d{1,15}$', description: 'a punch id' },
    sn: SERIAL,
    pin: BADGE,
    employeeId: SERIAL,
    ...limitQuery(100_000),
  },
};

export const errorReply = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    code: { type: 'string', description: 'a stable code (TC_ERR_…, docs/errors.md) when the error has one' },
  },
};
