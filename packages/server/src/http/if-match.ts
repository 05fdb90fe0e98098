/** `If-Match: "7"` or `W/"7"` → 7; anything else → undefined (the use case answers 428). */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  const m = header?.match(/^(?:W\/)?"(\d+)"$/);
  return m ? Number(m[1]) : undefined;
}
