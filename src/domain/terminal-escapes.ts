/**
 * A log as a terminal-coloured logger wrote it (NestJS's, colorlog's, Terraform's and Docker
 * Compose's colours kept in a saved or shipped log): the escape sequences a terminal acts on are
 * no part of any AWS message, and read as words they would cut one ("\x1b[31mAccessDenied\x1b[0m"
 * is no AccessDenied the grammar knows). They are dropped before the text is read; what a report
 * prints of the evidence shows them, as it shows any control character (report/visible-text.ts).
 */

/**
 * The escape character itself, as the file holds it or as a log escaped it in its text (not
 * caret notation's '^[', which any regular expression a log quotes writes too: '^[a-z]+$').
 */
const ESCAPE = String.raw`(?:\x1b|\\u001[bB]|\\x1[bB]|\\033)`;
/** Control sequences (colours, cursor moves: ESC [ params final), and OSC's (a link, a title) to their end. */
const SEQUENCE = new RegExp(
  String.raw`${ESCAPE}(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]{0,2048}(?:\x07|\x1b\\|\\u0007)|[@-Z\\-_])`,
  'g',
);
/**
 * Colours whose escape character was already dropped by a viewer ("[31mError[0m"): only when a
 * text holds two at least, a colour and its reset, as a coloured word always does.
 */
const BARE_COLOUR = /\[(?:\d{1,3}(?:;\d{1,3})*)?m/g;
const QUICK = new RegExp(String.raw`${ESCAPE}|\[\d{0,3}(?:;\d{1,3})*m`);

export function stripTerminalEscapes(text: string): string {
  if (!QUICK.test(text)) return text;
  const stripped = text.replace(SEQUENCE, '');
  const bare = stripped.match(BARE_COLOUR);
  return bare && bare.length >= 2 && bare.some((mark) => mark !== '[m')
    ? stripped.replace(BARE_COLOUR, '')
    : stripped;
}
