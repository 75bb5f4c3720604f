// The app's react-query client (react-admin's default, made here so that main.tsx can put the
// queue's early first page in its cache: see earlyQueue.ts).
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient();
