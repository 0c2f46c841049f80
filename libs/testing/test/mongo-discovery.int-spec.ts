import mongoose from 'mongoose';
import { describeWithMongo } from '@platform/testing';

describeWithMongo('MongoDB discovery', (mongoUrl) => {
  it('connects to the discovered replica set, which supports transactions', async () => {
    const connection = await mongoose
      .createConnection(mongoUrl, { serverSelectionTimeoutMS: 5_000 })
      .asPromise();
    try {
      const hello = (await connection.db!.admin().command({ hello: 1 })) as { setName?: string };
      expect(hello.setName).toBeDefined();
    } finally {
      await connection.close();
    }
  });
});
