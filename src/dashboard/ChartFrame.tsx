// One chart on the dashboard: a <figure> named by its <figcaption>, the drawing as role="img" with a
// sentence that says what it shows, a "table view" toggle that shows the same series as a table
// (with the click-through links a keyboard or screen-reader user needs), and a CSV export of them.
import BarChartIcon from '@mui/icons-material/BarChart';
import DownloadIcon from '@mui/icons-material/Download';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import TableRowsIcon from '@mui/icons-material/TableRows';
import {
  Box,
  Card,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
} from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { downloadCSV, LinkBase, useTranslate } from 'react-admin';
import { toCsv, type CsvValue } from '../domain/csv';

export interface FrameColumn<Row> {
  key: string;
  header: string;
  /** display text of the cell */
  text: (row: Row) => string;
  /** raw value for the CSV */
  csv: (row: Row) => CsvValue;
  /** the list behind this cell, if any */
  to?: (row: Row) => string | undefined;
  align?: 'left' | 'right';
}

export interface ChartFrameProps<Row> {
  title: string;
  /** what the chart shows, in one sentence: the drawing's accessible name */
  summary: string;
  definition?: string;
  rows: readonly Row[];
  columns: readonly FrameColumn<Row>[];
  csvName: string;
  height?: number;
  /** what the chart shows can be changed here (the CSAT chart's dimension), beside its own buttons */
  controls?: ReactNode;
  children: ReactNode;
}

export function DataTable<Row>({
  rows,
  columns,
  labelledBy,
}: {
  rows: readonly Row[];
  columns: readonly FrameColumn<Row>[];
  labelledBy?: string;
}) {
  return (
    <TableContainer sx={{ maxHeight: 360 }}>
      <Table size="small" stickyHeader aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c.key} align={c.align ?? 'left'} sx={{ whiteSpace: 'nowrap' }}>
                {c.header}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, i) => (
            <TableRow key={i} hover>
              {columns.map((c, j) => {
                const text = c.text(row);
                const to = c.to?.(row);
                return (
                  <TableCell
                    key={c.key}
                    align={c.align ?? 'left'}
                    component={j === 0 ? 'th' : 'td'}
                    scope={j === 0 ? 'row' : undefined}
                    sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                  >
                    {to ? (
                      <Box component={LinkBase} to={to} sx={{ color: 'primary.main' }}>
                        {text}
                      </Box>
                    ) : (
                      text
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

export function ChartFrame<Row>({
  title,
  summary,
  definition,
  rows,
  columns,
  csvName,
  height = 260,
  controls,
  children,
}: ChartFrameProps<Row>) {
  const translate = useTranslate();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const captionId = useId();
  return (
    <Card
      component="figure"
      variant="outlined"
      aria-labelledby={captionId}
      sx={{
        m: 0,
        p: 2,
        display: 'grid',
        gridTemplateColumns: '1fr auto',
        alignItems: 'center',
        rowGap: 1,
        minWidth: 0,
      }}
    >
      <Box component="figcaption" id={captionId} sx={{ typography: 'subtitle1', fontWeight: 500 }}>
        {title}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap', justifyContent: 'end' }}>
        {controls}
        {definition && (
          <Tooltip title={definition}>
            <IconButton size="small" aria-label={translate('dashboard.definition', { name: title })}>
              <InfoOutlinedIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
        <ToggleButtonGroup
          size="small"
          exclusive
          value={view}
          onChange={(_, next: 'chart' | 'table' | null) => next && setView(next)}
          aria-label={translate('dashboard.chart.view', { name: title })}
        >
          <ToggleButton value="chart" aria-label={translate('dashboard.chart.chartView')}>
            <BarChartIcon fontSize="small" />
          </ToggleButton>
          <ToggleButton value="table" aria-label={translate('dashboard.chart.tableView')}>
            <TableRowsIcon fontSize="small" />
          </ToggleButton>
        </ToggleButtonGroup>
        <Tooltip title={translate('dashboard.chart.exportCsv')}>
          <IconButton
            size="small"
            aria-label={translate('dashboard.chart.exportCsvOf', { name: title })}
            onClick={() =>
              downloadCSV(
                toCsv(
                  rows,
                  columns.map((c) => ({ header: c.key, value: c.csv })),
                ),
                csvName,
              )
            }
          >
            <DownloadIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      <Box sx={{ gridColumn: '1 / -1', minWidth: 0 }}>
        {view === 'chart' ? (
          <Box role="img" aria-label={summary} sx={{ width: '100%', height }}>
            {children}
          </Box>
        ) : (
          <DataTable rows={rows} columns={columns} labelledBy={captionId} />
        )}
      </Box>
    </Card>
  );
}
