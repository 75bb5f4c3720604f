// A one-click filter for a <FilterList> sidebar, like react-admin's <FilterListItem>, but whose
// "remove" button has an accessible name (react-admin's is an unlabelled icon) and whose item says
// whether it is on (aria-pressed).
import CancelIcon from '@mui/icons-material/CancelOutlined';
import { IconButton, ListItem, ListItemButton, ListItemText } from '@mui/material';
import type { ReactNode } from 'react';
import { useListFilterContext, useTranslate } from 'react-admin';

type Filters = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Selected when every defined key of `value` is in the filters with the same value. */
export function isFilterSelected(value: Filters, filters: Filters): boolean {
  return Object.entries(value).every(([key, v]) => v === undefined || same(filters[key], v));
}

/** Adds `value` to the filters, or removes its keys when it is already on. */
export function toggleFilterValue(value: Filters, filters: Filters): Filters {
  if (!isFilterSelected(value, filters)) return { ...filters, ...value };
  const out: Filters = {};
  for (const [key, v] of Object.entries(filters)) if (!(key in value)) out[key] = v;
  return out;
}

export interface FilterListItemProps<V extends Filters> {
  /** an i18n key, or text */
  label: string | ReactNode;
  value: V;
  isSelected?: (value: V, filters: Filters) => boolean;
  toggleFilter?: (value: V, filters: Filters) => Filters;
}

export function FilterListItem<V extends Filters>({
  label,
  value,
  isSelected = isFilterSelected,
  toggleFilter = toggleFilterValue,
}: FilterListItemProps<V>) {
  const translate = useTranslate();
  const { filterValues, setFilters } = useListFilterContext();
  const filters = (filterValues ?? {}) as Filters;
  const selected = isSelected(value, filters);
  const toggle = () => setFilters(toggleFilter(value, filters), undefined);
  const text = typeof label === 'string' ? translate(label, { _: label }) : label;
  const name = typeof text === 'string' ? text : '';
  return (
    <ListItem
      disablePadding
      secondaryAction={
        selected ? (
          <IconButton
            size="small"
            aria-label={translate('layout.filter.remove', { name })}
            onClick={(event) => {
              event.stopPropagation();
              toggle();
            }}
          >
            <CancelIcon fontSize="small" />
          </IconButton>
        ) : null
      }
    >
      <ListItemButton
        onClick={toggle}
        selected={selected}
        aria-pressed={selected}
        sx={{ pl: '2em', pr: '2em' }}
      >
        <ListItemText primary={text} sx={{ m: 0 }} data-selected={selected ? 'true' : 'false'} />
      </ListItemButton>
    </ListItem>
  );
}
