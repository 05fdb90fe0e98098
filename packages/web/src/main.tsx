import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './styles.css';
import loadFonts from 'bootstrap-italia/dist/plugins/fonts-loader.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

loadFonts('/bootstrap-italia/fonts');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
