// Tabs above the refund list, each a filter preset with its count: all open requests, my queue
// (assigned to me, pending or in review), unassigned (claimable) and, for supervisors, the
// requests awaiting a second approval. Counts are small server queries (one row, the total).
import { Box, Chip, Tab, Tabs } from '@mui/material';
import { useGetList, useListContext, useTranslate } from 'react-admin';
import { OPEN_REFUND_STATUSES, type RefundRequest, type RefundStatus, type Role } from '../../domain/model';
import { ME } from '../../providers/dataProvider';
import { useWhoAmI as useActor } from '../../workflow/identity';
import { MY_QUEUE_STATUSES } from './queue';
import { TABS_BAR_SX } from '../queueLayout';

export interface QueuePreset {
  id: 'open' | 'mine' | 'unassigned' | 'second_approval';
  filter: { status: RefundStatus[]; assigneeId?: string };
}

export const QUEUE_PRESETS: QueuePreset[] = [
  { id: 'open', filter: { status: [...OPEN_REFUND_STATUSES] } },
  { id: 'mine', filter: { assigneeId: ME, status: MY_QUEUE_STATUSES } },
  { id: 'unassigned', filter: { assigneeId: 'unassigned', status: ['pending'] } },
  { id: 'second_approval', filter: { status: ['awaiting_second_approval'] } },
];

export function presetsFor(role: Role | null): QueuePreset[] {
  return QUEUE_PRESETS.filter((preset) => {
    if (preset.id === 'mine') return role === 'reviewer' || role === 'supervisor';
    if (preset.id === 'second_approval') return role === 'supervisor';
    return true;
  });
}

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String).sort();

/** A preset is active when the list's status and assignee filters are exactly the preset's. */
export function isPresetActive(preset: QueuePreset, filterValues: Record<string, unknown>): boolean {
  return (
    asList(filterValues.status).join() === asList(preset.filter.status).join() &&
    asList(filterValues.assigneeId).join() === asList(preset.filter.assigneeId).join()
  );
}

function PresetCount({ preset, enabled }: { preset: QueuePreset; enabled: boolean }) {
  const { total, isPending } = useGetList<RefundRequest>(
    'refunds',
    { filter: preset.filter, pagination: { page: 1, perPage: 1 }, sort: { field: 'slaDueAt', order: 'ASC' } },
    { enabled },
  );
  if (!enabled || isPending || total === undefined) return null;
  return (
    <Chip size="small" label={total} data-testid={`queue-count-${preset.id}`} sx={{ ml: 1, height: 20 }} />
  );
}

export function QueueTabs() {
  const translate = useTranslate();
  const { actor } = useActor();
  const { filterValues, displayedFilters, setFilters, isPending } = useListContext<RefundRequest>();
  const presets = presetsFor(actor?.role ?? null);
  const active = presets.find((preset) => isPresetActive(preset, filterValues))?.id ?? false;
  const select = (id: QueuePreset['id']) => {
    const preset = presets.find((p) => p.id === id);
    if (!preset) return;
    // the other filters (search, flags, dates) stay; status and assignee become the preset's
    const { status: _status, assigneeId: _assignee, ...rest } = filterValues;
    const next: Record<string, unknown> = { ...rest, ...preset.filter };
    const shown = { ...displayedFilters };
    delete shown.status;
    delete shown.assigneeId;
    setFilters(next, shown);
  };
  return (
    <Box sx={TABS_BAR_SX}>
      <Tabs
        value={active}
        onChange={(_event, id: QueuePreset['id']) => select(id)}
        variant="scrollable"
        scrollButtons="auto"
        aria-label={translate('refunds.review.tabs.label')}
        data-testid="queue-tabs"
      >
        {presets.map((preset) => (
          <Tab
            key={preset.id}
            value={preset.id}
            data-testid={`queue-tab-${preset.id}`}
            label={
              <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center' }}>
                {translate(`refunds.review.tabs.${preset.id}`)}
                {/* counts load after the list itself, so the list's own query goes first */}
                <PresetCount preset={preset} enabled={!isPending} />
              </Box>
            }
          />
        ))}
      </Tabs>
    </Box>
  );
}
