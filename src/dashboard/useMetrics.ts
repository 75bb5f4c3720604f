// Loads the metrics through the data provider's custom method, cached by react-query like any other
// react-admin query (errors go through authProvider.checkError via useDataProvider's wrapper).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDataProvider, type DataProvider } from 'react-admin';
import type { MetricsAnswer } from '../domain/metrics';
import type { GetMetricsParams, MetricsDataProvider } from './metricsProvider';

function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export function useMetrics(params: GetMetricsParams | null) {
  const dataProvider = useDataProvider<DataProvider & MetricsDataProvider>();
  return useQuery<MetricsAnswer, Error>({
    queryKey: ['metrics', params],
    queryFn: () => dataProvider.getMetrics(params!).then((result) => result.data),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    // a refusal (400 bad period, 403) will not change by asking again; network trouble might
    retry: (failures, error) => failures < 2 && !isClientError(error),
  });
}
