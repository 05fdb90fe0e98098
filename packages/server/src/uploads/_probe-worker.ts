import { parentPort } from 'node:worker_threads';
import { detectType } from './inspect-upload.js';
const t = Date.now();
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const x: number = 1;
parentPort?.postMessage({
  loaded: Date.now() - t,
  v: pdfjs.version,
  x,
  d: detectType(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])),
});
