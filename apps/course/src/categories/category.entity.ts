import { UuidTimestampedBase } from '@platform/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';

/**
 * A node of the catalog's category tree. `slug` is the path of slugs from the root
 * (`programming/web-development`); its uniqueness is what keeps sibling names unique.
 */
@Entity('categories')
@Unique('uq_categories_slug', ['slug'])
@Index('idx_categories_parent_id', ['parentId'])
export class Category extends UuidTimestampedBase {
  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { length: 400 })
  slug!: string;

  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Category | null;
}
