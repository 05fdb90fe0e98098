/// <reference types="vite/client" />

declare module 'bootstrap-italia/dist/plugins/fonts-loader.js' {
  /** Injects the @font-face rules for Titillium Web, Lora and Roboto Mono served from `path`. */
  export default function loadFonts(path?: string): void;
}
