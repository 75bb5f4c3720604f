// The queue's rows render first; the parts around them (the filter sidebar, the queue tabs, the
// toolbar's buttons) render in the pass right after, in a placeholder of their size so nothing
// moves. On a cold load this takes their rendering (≈ 70 ms on a 2-core machine, measured by
// `npm run bench`) off the path to the first rows, which are what a reviewer opens the page for.
import { useEffect, useState, type ReactNode } from 'react';
import { useListContext } from 'react-admin';

export function AfterRows({ children, placeholder }: { children: ReactNode; placeholder: ReactNode }) {
  const { isPending } = useListContext();
  // once shown, always shown: a later reload of the list (a new filter) keeps them
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!isPending) setShown(true);
  }, [isPending]);
  return shown ? children : placeholder;
}
