import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@platform/auth';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorators';

/**
 * The cheapest route the gateway has: no token, no rate-limit round trip, no service call.
 * bench/gateway measures it beside real routes to show what the rest of the path costs.
 */
@ApiTags('system')
@Controller('hello')
@Public()
@SkipRateLimit()
export class HelloController {
  @Get()
  @ApiOkResponse({ schema: { example: { message: 'hello' } } })
  hello(): { message: string } {
    return { message: 'hello' };
  }
}
