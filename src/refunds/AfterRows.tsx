// The queue's rows come first. The controls around them (QueueControls: filter sidebar, tabs,
// toolbar buttons, bulk actions) are a chunk of their own, asked for once the first rows have been
// painted, and shown until then as placeholders of their size so nothing moves. On a cold load
// this takes their code and their rendering off the path to the first rows, which are what a
// reviewer opens the page for (`npm run bench`, "queue: first 25 rows"). Once loaded they stay
// loaded: coming back to the queue shows them with the rows.
import { Box } from '@mui/material';
import { useEffect } from 'react';
import { TopToolbar, useListContext, useNotify } from 'react-admin';
import { FILTER_SIDEBAR_SX } from '../layout/filterSidebar';
import { TABS_BAR_HEIGHT_PX, TABS_BAR_SX } from './queueLayout';

export type QueueControls = typeof import('./QueueControls');

let loaded: QueueControls | null = null;

/** The controls, if this page has loaded them already. */
export const loadedQueueControls = (): QueueControls | null => loaded;

export async function loadQueueControls(): Promise<QueueControls> {
  loaded ??= await import('./QueueControls');
  return loaded;
}

/** Runs `then` in the first task after the next frame has been painted. */
function afterNextPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(then, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * Inside the list: once its first page is on screen, loads the controls and hands them to
 * `onLoad`. A chunk that fails to load (a new deployment, the network) leaves the placeholders and
 * says so; the rows stay usable.
 */
export function LoadControlsAfterRows({ onLoad }: { onLoad: (controls: QueueControls) => void }) {
  const { isPending } = useListContext();
  const notify = useNotify();
  useEffect(() => {
    if (isPending) return;
    let active = true;
    const cancel = afterNextPaint(() => {
      loadQueueControls().then(
        (controls) => {
          if (active) onLoad(controls);
        },
        () => {
          if (active) notify('refunds.list.controls_failed', { type: 'error' });
        },
      );
    });
    return () => {
      active = false;
      cancel();
    };
  }, [isPending, onLoad, notify]);
  return null;
}

/** The sidebar's place while its code loads. */
export function FilterSidebarPlaceholder() {
  return <Box sx={FILTER_SIDEBAR_SX} aria-hidden />;
}

/** The tab bar's place while its code loads. */
export function QueueTabsPlaceholder() {
  return <Box sx={{ ...TABS_BAR_SX, height: TABS_BAR_HEIGHT_PX, boxSizing: 'content-box' }} aria-hidden />;
}

/** The toolbar's place while its buttons load. */
export function ListActionsPlaceholder() {
  return <TopToolbar />;
}
