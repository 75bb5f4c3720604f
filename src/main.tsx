import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { seedEarlyResponses, startEarlyQueueRequest } from './providers/earlyQueue';
import { queryClient } from './providers/queryClient';

// before the first render: the queue's rows are on their way while React builds the page
startEarlyQueueRequest();
seedEarlyResponses(queryClient);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
