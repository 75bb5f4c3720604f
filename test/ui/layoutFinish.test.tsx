// @vitest-environment jsdom
// The page frame's finishing pieces: the API health store and the outage page, the language menu,
// empty states, one-click filters, Material UI's locale merged into the theme, rows opened with Enter.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { CircularProgress, LinearProgress, ThemeProvider, createTheme } from '@mui/material';
import { zhCN } from '@mui/material/locale';
import { describe, expect, it, vi } from 'vitest';
import { ListContextProvider, type ListControllerResult } from 'react-admin';
import { ApiStatusGate } from '../../src/layout/ApiStatus';
import { ListEmpty } from '../../src/layout/EmptyState';
import { isFilterSelected, toggleFilterValue } from '../../src/layout/FilterListItem';
import { LanguageMenu } from '../../src/layout/LanguageMenu';
import { progressLabels, withMuiLocale } from '../../src/layout/Layout';
import { sameJson } from '../../src/layout/SavedQueriesList';
import { lightTheme, openRowFromKeyboard } from '../../src/layout/themes';
import { apiHealth, createApiHealth, outageOf } from '../../src/providers/http';
import { renderWithAdmin } from './fixtures';

describe('API health', () => {
  it('tells an outage (no answer, 5xx) from a refused or cancelled request', () => {
    expect(outageOf(new TypeError('Failed to fetch'))).toEqual({ reason: 'network' });
    expect(outageOf({ status: 503 })).toEqual({ reason: 'server', status: 503 });
    expect(outageOf({ status: 500 })).toEqual({ reason: 'server', status: 500 });
    expect(outageOf({ status: 404 })).toBeNull();
    expect(outageOf({ status: 409 })).toBeNull();
    expect(outageOf(new DOMException('aborted', 'AbortError'))).toBeNull();
  });

  it('notifies on changes only, and keeps the start of an outage', () => {
    let now = 1_000;
    const health = createApiHealth(() => now);
    const listener = vi.fn();
    health.subscribe(listener);
    health.reportUp();
    expect(listener).not.toHaveBeenCalled();
    health.reportDown({ reason: 'network' });
    now = 2_000;
    health.reportDown({ reason: 'network' });
    expect(listener).toHaveBeenCalledTimes(1);
    health.reportDown({ reason: 'server', status: 502 });
    expect(health.get()).toEqual({ state: 'down', reason: 'server', status: 502, since: 1_000 });
    health.reportUp();
    expect(health.get()).toEqual({ state: 'up' });
    expect(listener).toHaveBeenCalledTimes(3);
  });
});

describe('<ApiStatusGate>', () => {
  it.each([
    ['en', 'The refund service cannot be reached', 'Try again now', 'HTTP 503'],
    ['zh-CN', '无法连接退款服务', '立即重试', 'HTTP 503'],
  ] as const)(
    'replaces the page while the API is down, then brings it back (%s)',
    async (locale, title, retry, status) => {
      renderWithAdmin(
        <ApiStatusGate>
          <p>the queue</p>
        </ApiStatusGate>,
        { locale, now: null },
      );
      expect(screen.getByText('the queue')).toBeVisible();

      act(() => apiHealth.reportDown({ reason: 'server', status: 503 }));
      const page = await screen.findByTestId('api-down');
      expect(within(page).getByRole('heading', { name: title })).toHaveFocus();
      expect(within(page).getByRole('button', { name: retry })).toBeEnabled();
      expect(page).toHaveTextContent(status);
      expect(screen.getByText('the queue')).not.toBeVisible();

      act(() => apiHealth.reportUp());
      expect(screen.queryByTestId('api-down')).toBeNull();
      expect(screen.getByText('the queue')).toBeVisible();
    },
  );
});

describe('<LanguageMenu>', () => {
  it('names the current language, lists the others in their own language, and switches', async () => {
    renderWithAdmin(<LanguageMenu />, { locale: 'en' });
    const button = screen.getByRole('button', { name: 'Language: English' });
    fireEvent.click(button);
    const chinese = await screen.findByRole('menuitem', { name: '简体中文' });
    expect(chinese).toHaveAttribute('lang', 'zh-CN');
    fireEvent.click(chinese);
    expect(await screen.findByRole('button', { name: '语言：简体中文' })).toBeInTheDocument();
  });
});

function listContext(overrides: Partial<ListControllerResult>): ListControllerResult {
  return {
    data: [],
    total: 0,
    filterValues: {},
    displayedFilters: {},
    setFilters: vi.fn(),
    ...overrides,
  } as unknown as ListControllerResult;
}

describe('<ListEmpty>', () => {
  it('says what the list holds and how it fills when nothing is filtered', () => {
    renderWithAdmin(
      <ListContextProvider value={listContext({})}>
        <ListEmpty title="customers.empty.title" hint="customers.empty.hint" />
      </ListContextProvider>,
      { locale: 'zh-CN' },
    );
    expect(screen.getByRole('heading', { name: '暂无客户' })).toBeInTheDocument();
    expect(screen.getByText('客户充值或提交退款申请后会显示在这里。')).toBeInTheDocument();
  });

  it('offers to clear the filters when they hide everything', () => {
    const setFilters = vi.fn();
    renderWithAdmin(
      <ListContextProvider value={listContext({ filterValues: { q: 'nobody' }, setFilters })}>
        <ListEmpty title="customers.empty.title" />
      </ListContextProvider>,
      { locale: 'en' },
    );
    expect(screen.getByRole('heading', { name: 'Nothing matches these filters' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Clear all filters' }));
    expect(setFilters).toHaveBeenCalledWith({}, []);
  });
});

describe('one-click filters and saved queries', () => {
  it('selects and toggles by value', () => {
    expect(isFilterSelected({ level: 2 }, { level: 2, q: 'x' })).toBe(true);
    expect(isFilterSelected({ status: ['open'] }, { status: ['open', 'closed'] })).toBe(false);
    expect(toggleFilterValue({ level: 2 }, { q: 'x' })).toEqual({ q: 'x', level: 2 });
    expect(toggleFilterValue({ level: 2 }, { q: 'x', level: 2 })).toEqual({ q: 'x' });
  });

  it('compares saved queries regardless of key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});

describe('theme', () => {
  it('adds Material UI’s Chinese labels without dropping react-admin’s defaults', () => {
    const theme = createTheme(lightTheme);
    const localized = withMuiLocale(theme, zhCN);
    const autocomplete = localized.components?.MuiAutocomplete?.defaultProps;
    expect(autocomplete).toMatchObject({ fullWidth: true, closeText: '关闭' });
    expect(localized.components?.MuiPagination?.defaultProps).toMatchObject({ 'aria-label': '分页导航' });
    expect(localized.palette.primary.main).toBe(theme.palette.primary.main);
  });

  it('names every progress indicator in the UI’s language, unless it has its own name', () => {
    const theme = withMuiLocale(withMuiLocale(createTheme(lightTheme), zhCN), progressLabels('加载中'));
    render(
      <ThemeProvider theme={theme}>
        <CircularProgress />
        <LinearProgress />
        <LinearProgress aria-label="上传进度" />
      </ThemeProvider>,
    );
    expect(screen.getAllByRole('progressbar', { name: '加载中' })).toHaveLength(2);
    expect(screen.getByRole('progressbar', { name: '上传进度' })).toBeInTheDocument();
    // Material UI's own Chinese labels stay
    expect(theme.components?.MuiPagination?.defaultProps).toMatchObject({ 'aria-label': '分页导航' });
  });

  it('opens a clickable row with Enter, and leaves keys on its content alone', () => {
    const row = document.createElement('tr');
    row.className = 'RaDataTable-clickableRow';
    const click = vi.fn();
    row.addEventListener('click', click);
    const key = (k: string, target: EventTarget = row) => {
      const preventDefault = vi.fn();
      openRowFromKeyboard({
        key: k,
        target,
        currentTarget: row,
        preventDefault,
      } as unknown as Parameters<typeof openRowFromKeyboard>[0]);
      return preventDefault;
    };
    expect(key('Enter')).toHaveBeenCalled();
    expect(click).toHaveBeenCalledTimes(1);
    key('a');
    key('Enter', document.createElement('input'));
    expect(click).toHaveBeenCalledTimes(1);
  });
});
