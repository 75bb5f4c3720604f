// Every migration, in order. Static imports (not a folder scan) so the same list runs under tsx,
// vitest and a bundle, on both engines. A migration is never edited once released: add the next.
import type { Migration, MigrationProvider } from 'kysely';
import * as tables from './001_tables';
import * as search from './002_search';
import * as listIndexes from './003_list_indexes';
import * as shortSearch from './004_short_search';
import * as metricsIndexes from './005_metrics_indexes';
import * as deskReads from './006_desk_reads';
import * as listSortIndexes from './007_list_sort_indexes';
import * as metricsRollups from './008_metrics_rollups';
import * as staffAdmin from './009_staff_admin';
import * as platform from './010_platform';
import * as coins from './011_coins';
import * as webhooks from './012_webhooks';
import * as presence from './013_presence';
import * as outsideWindowIndex from './014_outside_window_index';
import * as slaSettings from './015_sla_settings';
import * as reviewerRouting from './016_reviewer_routing';
import * as notifications from './017_notifications';
import * as reviewerAway from './018_reviewer_away';
import * as complaintClock from './019_complaint_clock';
import * as expectedDecision from './020_expected_decision';
import * as staffAccountChanges from './021_staff_account_changes';
import * as decidedWaits from './022_decided_waits';
import * as policyVersions from './023_policy_versions';
import * as customerRatings from './024_customer_ratings';

const MIGRATIONS: Record<string, Migration> = {
  '001_tables': tables,
  '002_search': search,
  '003_list_indexes': listIndexes,
  '004_short_search': shortSearch,
  '005_metrics_indexes': metricsIndexes,
  '006_desk_reads': deskReads,
  '007_list_sort_indexes': listSortIndexes,
  '008_metrics_rollups': metricsRollups,
  '009_staff_admin': staffAdmin,
  '010_platform': platform,
  '011_coins': coins,
  '012_webhooks': webhooks,
  '013_presence': presence,
  '014_outside_window_index': outsideWindowIndex,
  '015_sla_settings': slaSettings,
  '016_reviewer_routing': reviewerRouting,
  '017_notifications': notifications,
  '018_reviewer_away': reviewerAway,
  '019_complaint_clock': complaintClock,
  '020_expected_decision': expectedDecision,
  '021_staff_account_changes': staffAccountChanges,
  '022_decided_waits': decidedWaits,
  '023_policy_versions': policyVersions,
  '024_customer_ratings': customerRatings,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
