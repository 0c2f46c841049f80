import { Inject, Injectable } from '@nestjs/common';
import {
  InjectNats,
  InternalError,
  RequestContext,
  TimeoutError,
  UnavailableError,
  errorFromJson,
  histogram,
} from '@platform/common';
import { ErrorCode, type NatsConnection, NatsError } from 'nats';
import { headersFromContext } from './message-headers';
import { decodeJson, encodeJson, isReplyEnvelope } from './reply-envelope';
import { type RequestPattern } from './request-pattern';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  REQUEST_REPLY_OPTIONS,
  type RequestReplyOptions,
} from './request-reply.options';

const clientLatency = histogram('rpc_client_duration_seconds', 'Request/reply calls as seen by the caller', [
  'subject',
  'outcome',
]);

export interface SendOptions {
  timeoutMs?: number;
}

/**
 * Calls a service over NATS request/reply. The caller's identity, correlation id and
 * trace context travel in headers; an error reply comes back as the typed error the
 * service threw; no service listening is UNAVAILABLE and no answer in time is TIMEOUT.
 */
@Injectable()
export class ServiceClient {
  constructor(
    @InjectNats() private readonly nats: NatsConnection,
    @Inject(REQUEST_REPLY_OPTIONS) private readonly options: RequestReplyOptions,
  ) {}

  async send<Req, Res>(
    pattern: RequestPattern<Req, Res>,
    request: Req,
    options: SendOptions = {},
  ): Promise<Res> {
    const subject = `${this.options.subjectPrefix ?? ''}${pattern.subject}`;
    const timeout = options.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const stopTimer = clientLatency.startTimer({ subject: pattern.subject });
    let outcome = 'ok';
    try {
      const reply = await this.nats
        .request(subject, encodeJson({ data: request }), {
          timeout,
          headers: headersFromContext(RequestContext.current()),
        })
        .catch((error: unknown) => {
          throw this.transportError(error, pattern.subject, timeout);
        });
      const envelope = decodeJson(reply.data);
      if (!isReplyEnvelope(envelope)) throw new InternalError(`Malformed reply from ${pattern.subject}`);
      if ('error' in envelope) throw errorFromJson(envelope.error);
      return envelope.data as Res;
    } catch (error) {
      outcome =
        error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'ERROR';
      throw error;
    } finally {
      stopTimer({ outcome });
    }
  }

  private transportError(error: unknown, subject: string, timeoutMs: number): Error {
    const service = subject.split('.')[0];
    if (error instanceof NatsError) {
      switch (error.code as ErrorCode) {
        case ErrorCode.NoResponders:
          return new UnavailableError(`The ${service} service is unavailable`, { details: { service } });
        case ErrorCode.Timeout:
          return new TimeoutError(`The ${service} service did not answer within ${timeoutMs} ms`, {
            details: { service },
          });
        case ErrorCode.ConnectionClosed:
        case ErrorCode.ConnectionDraining:
        case ErrorCode.Disconnect:
          return new UnavailableError('Messaging is unavailable', { details: { service }, cause: error });
      }
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}
