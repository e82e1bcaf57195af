/**
 * Text from a bundle (file names, source lines, values quoted in messages) is attacker-controlled.
 * Written raw to a terminal, an escape sequence in it can move the cursor, erase findings from the
 * reviewer's screen or retitle the window; bidirectional overrides can reorder what is shown. Every
 * such character is shown as a visible `\u{…}` escape instead, on a terminal or not.
 */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

export function printable(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u{${character.codePointAt(0)!.toString(16).toUpperCase()}}`);
}
