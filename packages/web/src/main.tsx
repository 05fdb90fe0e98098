import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

// the fonts' @font-face rules come from /bootstrap-italia/fonts.css (index.html), not from an injected <style>
const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
