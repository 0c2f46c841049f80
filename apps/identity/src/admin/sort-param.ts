import { type Sort } from '@platform/database';

/**
 * `name,-createdAt` → `{ name: 'ASC', createdAt: 'DESC' }`, in priority order. Field names
 * are not checked here: BaseRepository.list refuses unknown ones with INVALID_FILTER
 * naming the allowed fields, so there is one whitelist, the repository's.
 */
export function parseSortParam<T>(sort: string): Sort<T> {
  const parsed: Record<string, 'ASC' | 'DESC'> = {};
  for (const part of sort.split(',')) {
    const field = part.replace(/^-/, '');
    if (field && !(field in parsed)) parsed[field] = part.startsWith('-') ? 'DESC' : 'ASC';
  }
  return parsed;
}
