import { TcpProxy, TypeScriptChild } from '@platform/testing';
import { createConnection, createServer } from 'node:net';

const fixture = `${__dirname}/fixtures/decorated-child.ts`;

describe('TypeScriptChild', () => {
  it('runs TypeScript with decorator metadata and @platform paths, like jest', async () => {
    const child = TypeScriptChild.spawn(fixture, { args: ['hello'] });
    await child.waitFor(/arg=hello/);
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.output).toContain('paramtypes=Clock');
    expect(child.output).toMatch(/id=[0-9a-f-]{36}/);
  });

  it('kills a running child like a crash', async () => {
    const child = TypeScriptChild.spawn(fixture, { args: ['hang'] });
    await child.waitFor(/arg=hang/);
    expect(child.isRunning).toBe(true);
    expect(await child.kill()).toEqual({ code: null, signal: 'SIGKILL' });
  });
});

describe('TcpProxy', () => {
  it('forwards, cuts every connection, and forwards again on the same port', async () => {
    const echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const { port: echoPort } = echo.address() as { port: number };
    const proxy = await TcpProxy.start(`127.0.0.1:${echoPort}`);
    const roundTrip = () =>
      new Promise<string>((resolve, reject) => {
        const socket = createConnection(proxy.port, '127.0.0.1', () => socket.write('ping'));
        socket.once('data', (data) => {
          socket.destroy();
          resolve(data.toString());
        });
        socket.once('error', reject);
      });
    try {
      expect(await roundTrip()).toBe('ping');
      const port = proxy.port;
      await proxy.cut();
      await expect(roundTrip()).rejects.toThrow(/ECONNREFUSED/);
      await proxy.restore();
      expect(proxy.port).toBe(port);
      expect(await roundTrip()).toBe('ping');
    } finally {
      await proxy.close();
      await new Promise((resolve) => echo.close(resolve));
    }
  });
});
