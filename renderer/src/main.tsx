import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { adoptPageToken } from './transport';
import './styles/index.css';

// Before anything renders or calls: the token leaves the address bar for sessionStorage.
if (!window.hookscope) adoptPageToken();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
