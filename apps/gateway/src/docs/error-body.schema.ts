import { ApiProperty } from '@nestjs/swagger';

class ErrorDetailSchema {
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty({ example: 'Request validation failed' }) message!: string;
  @ApiProperty({
    required: false,
    description: 'Validation errors: one `{ field, message }` per bad field; 429: `{ retryAfterSeconds }`',
    example: [{ field: 'email', message: 'email must be an email' }],
  })
  details?: unknown;
  @ApiProperty({ description: 'Also in the x-correlation-id header; quote it when reporting a problem' })
  correlationId!: string;
}

/** The error body of API.md, for the OpenAPI document. */
export class ErrorBodySchema {
  @ApiProperty({ type: ErrorDetailSchema }) error!: ErrorDetailSchema;
}
