import { Controller, Get, Header } from '@nestjs/common';
import { InfrastructureEndpoint } from '../health/infrastructure-endpoint';
import { metricsRegistry } from './metrics';

@Controller('metrics')
@InfrastructureEndpoint()
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
