import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { Public } from '@platform/auth';
import { NotFoundError } from '@platform/common';
import { type FastifyReply } from 'fastify';
import { OpenApiDocument } from './openapi-document';
import { DOCS_PAGE, docsAsset } from './swagger-ui-assets';

/** GET /docs: the browsable UI; /docs/openapi.json: the document it shows (and tools read). */
@Controller('docs')
@Public()
@ApiExcludeController()
export class DocsController {
  constructor(private readonly document: OpenApiDocument) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return DOCS_PAGE;
  }

  @Get('openapi.json')
  openApi(): OpenAPIObject {
    return this.document.get();
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer | string {
    const asset = docsAsset(name);
    if (!asset) throw new NotFoundError(`No docs asset ${name}`);
    void reply.header('content-type', asset.contentType).header('cache-control', 'public, max-age=3600');
    return asset.body;
  }
}
