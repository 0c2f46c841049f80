import { Injectable } from '@nestjs/common';
import { type OpenAPIObject } from '@nestjs/swagger';
import { NotFoundError } from '@platform/common';

/** The OpenAPI document, built once the application is assembled (createGatewayApp publishes it). */
@Injectable()
export class OpenApiDocument {
  private document?: OpenAPIObject;

  publish(document: OpenAPIObject): void {
    this.document = document;
  }

  get(): OpenAPIObject {
    if (!this.document) throw new NotFoundError('The API document is not published');
    return this.document;
  }
}
