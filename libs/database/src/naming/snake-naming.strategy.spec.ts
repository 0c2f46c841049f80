import { SnakeNamingStrategy, columnsOfExpression, constraintName, snakeCase } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it('snake-cases properties and relation columns', () => {
    expect(snakeCase('priceCents')).toBe('price_cents');
    expect(snakeCase('isHTTPEnabled')).toBe('is_http_enabled');
    expect(naming.columnName('createdAt', undefined, [])).toBe('created_at');
    expect(naming.columnName('city', undefined, ['billingAddress'])).toBe('billing_address_city');
    expect(naming.joinColumnName('course', 'id')).toBe('course_id');
    expect(naming.tableName('ChatMessage', undefined)).toBe('chat_message');
    expect(naming.tableName('ChatMessage', 'chat_messages')).toBe('chat_messages');
  });

  it('names constraints pk_/uq_/fk_/idx_/chk_ + table + columns', () => {
    expect(naming.primaryKeyName('users', ['id'])).toBe('pk_users_id');
    expect(naming.uniqueConstraintName('users', ['email'])).toBe('uq_users_email');
    expect(naming.foreignKeyName('enrollments', ['course_id'])).toBe('fk_enrollments_course_id');
    expect(naming.indexName('courses', ['category_id', 'level'])).toBe('idx_courses_category_id_level');
    expect(naming.checkConstraintName('inventory', '"reserved" <= "on_hand" AND reserved >= 0')).toBe(
      'chk_inventory_reserved_on_hand',
    );
    expect(naming.checkConstraintName('reviews', 'rating BETWEEN 1 AND 5')).toBe('chk_reviews_rating');
  });

  it('keeps names within PostgreSQL 63 bytes with a stable hash', () => {
    const long = constraintName('idx', 'a_table_with_a_rather_long_name', [
      'first_long_column',
      'second_long_column',
    ]);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toBe(
      constraintName('idx', 'a_table_with_a_rather_long_name', ['first_long_column', 'second_long_column']),
    );
    expect(long).not.toBe(
      constraintName('idx', 'a_table_with_a_rather_long_name', ['first_long_column', 'other']),
    );
  });

  it('ignores literals and keywords when reading columns of an expression', () => {
    expect(columnsOfExpression("status IN ('active', 'locked') OR deleted_at IS NOT NULL")).toEqual([
      'status',
      'deleted_at',
    ]);
    expect(columnsOfExpression('1 = 1')).toEqual(['expr']);
  });
});
