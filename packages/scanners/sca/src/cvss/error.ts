/**
 * The one error the CVSS module throws. Every invalid input (a malformed vector, an unknown metric or
 * value, a score outside 0-10) ends in a `CvssError` whose message says what is wrong; no other
 * exception (TypeError, RangeError) escapes `parseCvss`, `baseScore`, `cvssScores`, `severityOf` or
 * `toRampartSeverity`.
 */
export class CvssError extends Error {
  /** The input the error is about, as given (a vector string, or a score as text). */
  readonly input: string;

  constructor(message: string, input: string) {
    super(message);
    this.name = 'CvssError';
    this.input = input;
  }
}
