/**
 * Parses HTTP-dates (RFC 9110, section 5.6.7) in their three forms. `Date.parse` is not
 * used on its own because it accepts many strings that are not dates, such as `-1` or
 * `soon 2`, which would turn junk `Retry-After` values into real waits.
 */

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** `Sun, 06 Nov 1994 08:49:37 GMT`, the form that senders must use. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, (\d\d) ([A-Z][a-z]{2}) (\d{4}) (\d\d:\d\d:\d\d) GMT$/;
/** `Sunday, 06-Nov-94 08:49:37 GMT`, the obsolete RFC 850 form with a two-digit year. */
const RFC850_DATE = /^[A-Z][a-z]{5,8}, (\d\d)-([A-Z][a-z]{2})-(\d\d) (\d\d:\d\d:\d\d) GMT$/;
/** `Sun Nov  6 08:49:37 1994`, the obsolete asctime form. */
const ASCTIME_DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (\d{4})$/;

/**
 * Returns the time of an HTTP-date in milliseconds since the epoch, or `undefined` when
 * the value is not an HTTP-date or names a day that does not exist. The weekday is not
 * checked. A two-digit year is read as the latest year with those digits that is not
 * more than 50 years after `now`, as RFC 9110 requires.
 */
export function parseHttpDate(value: string, now: number): number | undefined {
  let match = IMF_FIXDATE.exec(value);
  if (match) return utc(match[3]!, match[2]!, match[1]!, match[4]!);
  match = ASCTIME_DATE.exec(value);
  if (match) return utc(match[4]!, match[1]!, match[2]!, match[3]!);
  match = RFC850_DATE.exec(value);
  if (!match) return undefined;
  const currentYear = new Date(now).getUTCFullYear();
  let year = currentYear - (currentYear % 100) + Number(match[3]);
  if (year > currentYear + 50) year -= 100;
  return utc(String(year), match[2]!, match[1]!, match[4]!);
}

/** Returns the time of the matched date parts, with `time` as `hh:mm:ss`, or `undefined` when a part is out of range. */
function utc(year: string, monthName: string, day: string, time: string): number | undefined {
  const month = MONTHS.indexOf(monthName) / 3;
  const [h, m, s] = time.split(':').map(Number) as [number, number, number];
  if (!Number.isInteger(month) || h > 23 || m > 59 || s > 60) return undefined;
  const date = new Date(Date.UTC(Number(year), month, Number(day)));
  // Date.UTC rolls 31 Feb over into March; a date whose day changed does not exist.
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== month) return undefined;
  return date.getTime() + ((h * 60 + m) * 60 + s) * 1000;
}
