// The dashboard's custom data provider method: getMetrics(params) → GET /api/metrics.
// Wire it once where the app's provider is built:
//   export const dataProvider = withMetrics(createDataProvider());
// and call it with useDataProvider<MetricsDataProvider>() (see useMetrics.ts).
import type { DataProvider } from 'react-admin';
import type { Granularity, MetricsAnswer, MetricsFilters } from '../domain/metrics';
import { apiUrl, httpClient } from '../providers/http';

export interface GetMetricsParams {
  /** a calendar date YYYY-MM-DD (local midnight in tz) or an ISO-8601 instant */
  from: string;
  /** exclusive, same forms as from */
  to: string;
  granularity: Granularity;
  /** IANA time zone of the buckets and of calendar dates */
  tz: string;
  filters?: MetricsFilters;
}

export interface MetricsDataProvider {
  getMetrics(params: GetMetricsParams): Promise<{ data: MetricsAnswer }>;
}

/** The query string of GET /api/metrics; list filters as comma-separated values. */
export function metricsQueryString(params: GetMetricsParams): string {
  const search = new URLSearchParams({
    from: params.from,
    to: params.to,
    granularity: params.granularity,
    tz: params.tz,
  });
  const f = params.filters ?? {};
  for (const key of ['reasonCategory', 'paymentChannel', 'submissionChannel'] as const) {
    const values = f[key];
    if (values && values.length > 0) search.set(key, values.join(','));
  }
  if (f.reviewerId) search.set('reviewerId', f.reviewerId);
  return search.toString();
}

type HttpClient = (url: string) => Promise<{ json: unknown }>;

/** Adds getMetrics to a data provider (the others stay as they are). */
export function withMetrics<T extends DataProvider>(
  provider: T,
  url: string = apiUrl,
  client: HttpClient = httpClient,
): T & MetricsDataProvider {
  const base = url.replace(/\/$/, '');
  return {
    ...provider,
    async getMetrics(params: GetMetricsParams) {
      const { json } = await client(`${base}/metrics?${metricsQueryString(params)}`);
      return { data: json as MetricsAnswer };
    },
  };
}
