import type {
  FailureKind,
  FailureStatus,
  ReplaySelection,
} from '@internal/plugin-dlq-common';
import type { MessageFilters } from '@internal/plugin-dlq-react';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The filters of a queue's dead letters, as they are kept in the page's URL. */
export const FILTER_KEYS = [
  'status',
  'businessId',
  'errorClass',
  'classification',
  'fingerprint',
  'from',
  'to',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** datetime-local value (as kept in the URL) → ISO date-time for the API. */
const toIso = (v?: string) => {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

/** The URL's filters, a key that changes when they do, and a setter that writes the URL. */
export function useUrlFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: Filters = useMemo(
    () =>
      Object.fromEntries(
        FILTER_KEYS.map(k => [k, searchParams.get(k) ?? undefined]).filter(
          ([, v]) => v,
        ),
      ),
    [searchParams],
  );
  const setFilters = (next: Filters) => {
    const params = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) params.set(k, next[k]!);
    setSearchParams(params);
  };
  return { filters, filterKey: JSON.stringify(filters), setFilters };
}

/** The URL's filters as the messages list takes them. */
export function apiFilters(filters: Filters): MessageFilters {
  return {
    status: filters.status as FailureStatus | undefined,
    businessId: filters.businessId,
    errorClass: filters.errorClass,
    classification: filters.classification as FailureKind | undefined,
    fingerprint: filters.fingerprint,
    from: toIso(filters.from),
    to: toIso(filters.to),
  };
}

/** "Replay all matching filter": the group and the filters other than status. */
export function filterSelection(filters: Filters): ReplaySelection {
  const api = apiFilters(filters);
  return {
    ...(filters.fingerprint ? { fingerprint: filters.fingerprint } : {}),
    filter: {
      businessId: api.businessId,
      errorClass: api.errorClass,
      classification: api.classification,
      from: api.from,
      to: api.to,
    },
  };
}

/** 1 → '1 message', 3 → '3 messages'. */
export const plural = (n: number) => `${n} message${n === 1 ? '' : 's'}`;
