// Saved queries in a filter sidebar, like react-admin's <SavedQueriesList>, but valid for assistive
// technology: react-admin puts its "save the current query" button directly inside the <ul> and
// leaves the "remove" icon of a selected query unlabelled (axe: list, button-name). Here the button
// sits next to the section title, and every item is an <li> whose remove button has a name.
import BookmarkIcon from '@mui/icons-material/BookmarkBorder';
import CancelIcon from '@mui/icons-material/CancelOutlined';
import HelpIcon from '@mui/icons-material/HelpOutlineOutlined';
import { Box, IconButton, List, ListItem, ListItemButton, ListItemText, Tooltip } from '@mui/material';
import type { ReactNode } from 'react';
import {
  AddSavedQueryIconButton,
  FilterListSection,
  RemoveSavedQueryIconButton,
  extractValidSavedQueries,
  useListContext,
  useSavedQueries,
  useTranslate,
  type SavedQuery,
} from 'react-admin';

/** Deep equality of plain JSON values, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function SavedQueryItem({ query, selected }: { query: SavedQuery; selected: boolean }) {
  const translate = useTranslate();
  const { setFilters, setPage, setSort, setPerPage } = useListContext();
  const apply = () => {
    const { filter = {}, displayedFilters, sort, perPage } = query.value;
    setFilters(filter as Record<string, unknown>, displayedFilters);
    if (sort) setSort(sort);
    if (perPage) setPerPage(perPage);
    setPage(1);
  };
  const clear = () => {
    setFilters({}, {});
    setPage(1);
  };
  const toggle = () => (selected ? clear() : apply());
  return (
    <ListItem
      disablePadding
      secondaryAction={
        selected ? (
          <IconButton
            size="small"
            aria-label={translate('layout.filter.remove', { name: query.label })}
            onClick={clear}
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
        <ListItemText primary={query.label} sx={{ m: 0 }} />
      </ListItemButton>
    </ListItem>
  );
}

export function SavedQueriesList({ icon = <BookmarkIcon /> }: { icon?: ReactNode }) {
  const translate = useTranslate();
  const { resource, filterValues, displayedFilters, sort, perPage } = useListContext();
  const [savedQueries] = useSavedQueries(resource);
  const queries = extractValidSavedQueries(savedQueries);
  const current = { filter: filterValues, sort, perPage, displayedFilters };
  const savedCurrent = queries.some((q) => sameJson(q.value, current));
  const hasFilters = Object.keys(filterValues ?? {}).length > 0;
  return (
    <Box sx={{ position: 'relative' }} data-testid="saved-queries">
      <Box sx={{ position: 'absolute', top: 12, right: 0 }}>
        {savedCurrent ? (
          <RemoveSavedQueryIconButton />
        ) : hasFilters ? (
          <AddSavedQueryIconButton />
        ) : (
          <Tooltip title={translate('ra.saved_queries.help')}>
            <HelpIcon
              tabIndex={0}
              role="img"
              aria-label={translate('ra.saved_queries.help')}
              sx={{ color: 'text.secondary', mr: '6px', mt: '6px' }}
            />
          </Tooltip>
        )}
      </Box>
      <FilterListSection label="ra.saved_queries.label" icon={icon}>
        {queries.length > 0 && (
          <List dense disablePadding>
            {queries.map((query, index) => (
              <SavedQueryItem key={index} query={query} selected={sameJson(query.value, current)} />
            ))}
          </List>
        )}
      </FilterListSection>
    </Box>
  );
}
