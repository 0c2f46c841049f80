import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/**
 * Flips once the process starts shutting down, so readiness fails at once and the load
 * balancer stops sending work while in-flight work finishes (Nest calls onModuleDestroy
 * before it closes the HTTP server and the pools).
 */
@Injectable()
export class ShutdownState implements OnModuleDestroy {
  private stopping = false;

  get isShuttingDown(): boolean {
    return this.stopping;
  }

  onModuleDestroy(): void {
    this.stopping = true;
  }
}
