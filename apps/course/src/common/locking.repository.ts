import { BaseRepository } from '@platform/database';
import { type ObjectLiteral } from 'typeorm';

/** A BaseRepository that can also read a live row under a row lock held until the transaction ends. */
export class LockingRepository<T extends ObjectLiteral & { id: string }> extends BaseRepository<T> {
  /**
   * `write` (FOR UPDATE) serialises changes that depend on the row's current state;
   * `share` (FOR SHARE) lets readers proceed together while keeping writers out.
   */
  async lockById(id: string, mode: 'write' | 'share' = 'write'): Promise<T | null> {
    return this.guard(() =>
      this.select()
        .andWhere(`${this.alias}.id = :id`, { id })
        .setLock(mode === 'write' ? 'pessimistic_write' : 'pessimistic_read')
        .getOne(),
    );
  }
}
