import { ValidationError } from '@platform/common';
import { buildCategoryTree, slugify } from './category-tree';

describe('category tree', () => {
  it('nests children under their parents and sorts each level by name', () => {
    const tree = buildCategoryTree([
      { id: 'c', name: 'Web', slug: 'programming/web', parentId: 'p' },
      { id: 'd', name: 'Design', slug: 'design', parentId: null },
      { id: 'p', name: 'Programming', slug: 'programming', parentId: null },
      { id: 'a', name: 'Algorithms', slug: 'programming/algorithms', parentId: 'p' },
    ]);
    expect(tree.map((n) => n.name)).toEqual(['Design', 'Programming']);
    expect(tree[1].children.map((n) => n.name)).toEqual(['Algorithms', 'Web']);
    expect(tree[0].children).toEqual([]);
  });

  it('slugifies names of any script and refuses names without letters or digits', () => {
    expect(slugify('  Web Development & APIs ')).toBe('web-development-apis');
    expect(slugify('Théorie des Graphes')).toBe('theorie-des-graphes');
    expect(slugify('机器学习')).toBe('机器学习');
    expect(() => slugify('!!!')).toThrow(ValidationError);
  });
});
