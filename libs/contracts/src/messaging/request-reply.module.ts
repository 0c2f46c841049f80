import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RequestListener } from './request-listener';
import { REQUEST_REPLY_OPTIONS, type RequestReplyOptions } from './request-reply.options';
import { ServiceClient } from './service-client';

/**
 * Request/reply over NATS. Needs NatsModule and PlatformModule (for the service name).
 * - `forService()`: answer this service's @RequestHandler() methods, and call others.
 * - `forClient()`: only call services (the gateway).
 */
@Module({})
export class RequestReplyModule {
  static forService(options: RequestReplyOptions = {}): DynamicModule {
    return {
      module: RequestReplyModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [{ provide: REQUEST_REPLY_OPTIONS, useValue: options }, ServiceClient, RequestListener],
      exports: [ServiceClient],
    };
  }

  static forClient(options: RequestReplyOptions = {}): DynamicModule {
    return {
      module: RequestReplyModule,
      global: true,
      providers: [{ provide: REQUEST_REPLY_OPTIONS, useValue: options }, ServiceClient],
      exports: [ServiceClient],
    };
  }
}
