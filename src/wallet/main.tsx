import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WalletApp } from './WalletApp';

const container = document.getElementById('wallet-root');
if (!container) throw new Error('wallet.html has no #wallet-root element');

createRoot(container).render(
  <StrictMode>
    <WalletApp />
  </StrictMode>,
);
