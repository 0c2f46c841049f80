import { parseSortParam } from './sort-param';

describe('parseSortParam', () => {
  it('reads a comma list with - for descending, in priority order', () => {
    const sort = parseSortParam('name,-createdAt');
    expect(sort).toEqual({ name: 'ASC', createdAt: 'DESC' });
    expect(Object.keys(sort)).toEqual(['name', 'createdAt']);
  });

  it('keeps the first direction of a repeated field and passes unknown fields on for the repository to refuse', () => {
    expect(parseSortParam('-email,email,passwordHash')).toEqual({ email: 'DESC', passwordHash: 'ASC' });
  });
});
