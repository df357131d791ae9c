/** The SCA scanner's version, recorded with each scan and each watch run. */
export const SCANNER_VERSION = '0.1.0';
