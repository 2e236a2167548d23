import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  readTableState,
  type RollupTableState,
  writeTableState,
} from '../shaping/rollupQuery';

/**
 * A rollup table's filter, sort and page, kept in the URL (`prefix` keeps two tables on
 * one page apart). Changes replace the history entry, so Back leaves the page.
 */
export function useRollupTableState(
  prefix = '',
): [RollupTableState, (next: RollupTableState) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const state = useMemo(
    () => readTableState(new URLSearchParams(key), prefix),
    [key, prefix],
  );
  const setState = useCallback(
    (next: RollupTableState) =>
      setParams(prev => writeTableState(prev, next, prefix), {
        replace: true,
      }),
    [setParams, prefix],
  );
  return [state, setState];
}
