import { traceContextFrom } from './trace-context';

describe('traceContextFrom', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('forwards a valid traceparent and its tracestate unchanged', () => {
    expect(traceContextFrom({ traceparent: valid, tracestate: 'vendor=abc,other=1' })).toEqual({
      traceparent: valid,
      tracestate: 'vendor=abc,other=1',
    });
  });

  it('drops malformed or all-zero ids, and the tracestate with them', () => {
    for (const bad of [
      'garbage',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7',
      `${valid}-extra`,
    ]) {
      expect(traceContextFrom({ traceparent: bad, tracestate: 'a=b' })).toEqual({});
    }
  });

  it('drops an oversized or non-printable tracestate but keeps the traceparent', () => {
    expect(traceContextFrom({ traceparent: valid, tracestate: 'a=b\nc' })).toEqual({ traceparent: valid });
    expect(traceContextFrom({ traceparent: valid, tracestate: 'x'.repeat(600) })).toEqual({
      traceparent: valid,
    });
  });
});
