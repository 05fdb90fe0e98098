/** Escapes LIKE wildcards in user input, so "50%" searches for the characters, not a pattern. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
