/** The UAX #14 line breaker pdfkit and pdfmake break text with (foliojs/linebreak). */
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    /** The next break opportunity: a UTF-16 offset, `required` after a hard line break. */
    nextBreak(): { position: number; required: boolean } | null;
  }
}
