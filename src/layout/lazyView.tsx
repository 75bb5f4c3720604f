// Pages other than the queue load on demand, so a reviewer's first screen downloads only the
// queue: each view becomes its own chunk, shown with react-admin's loader while it arrives.
import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from 'react-admin';

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const View = lazy(() => load().then((component) => ({ default: component })));
  function LazyView(props: P) {
    return (
      <Suspense fallback={<Loading />}>
        <View {...props} />
      </Suspense>
    );
  }
  return LazyView;
}
