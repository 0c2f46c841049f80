import { ValidationError } from '@platform/common';
import { type CategoryView } from '@platform/contracts';

interface CategoryRow {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
}

/** Rows (any order) → the forest of their trees, children sorted by name. */
export function buildCategoryTree(rows: readonly CategoryRow[]): CategoryView[] {
  const nodes = new Map<string, CategoryView>(
    rows.map((row) => [
      row.id,
      { id: row.id, name: row.name, slug: row.slug, parentId: row.parentId, children: [] },
    ]),
  );
  const roots: CategoryView[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: CategoryView[]): void => {
    list.sort((a, b) => a.name.localeCompare(b.name));
    list.forEach((node) => sort(node.children));
  };
  sort(roots);
  return roots;
}

/** "Web Development & APIs" → "web-development-apis"; letters of any script are kept. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) {
    throw new ValidationError('A category name needs at least one letter or digit', {
      details: [{ field: 'name', message: 'needs at least one letter or digit' }],
    });
  }
  return slug;
}
