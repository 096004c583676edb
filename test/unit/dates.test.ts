// One date module for every page and export: Europe/London, whatever the server's time zone.
import { TZDate } from "@date-fns/tz";
import { addMonths as addCalendarMonths, format, formatISO } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  dayOf,
  endOfDay,
  formatDate,
  formatDateTime,
  isoWithOffset,
  isRealDay,
  lastMonths,
  monthEnd,
  monthLabel,
  monthOf,
  readDayAhead,
  readTypedDate,
  readTypedMonth,
  startOfDay,
  TIME_ZONE,
  typedDateOf,
  typedMonthOf,
} from "~/domain/dates.server";

describe("dates in Europe/London", () => {
  it("an attempt finished at 23:30 UTC on 30 June is 1 July to everyone", () => {
    const at = "2026-06-30T23:30:00.000Z";
    expect(formatDate(at)).toBe("1 July 2026");
    expect(formatDateTime(at)).toBe("1 July 2026 at 12:30am");
    expect(isoWithOffset(at)).toBe("2026-07-01T00:30:00+01:00");
    expect(dayOf(at)).toBe("2026-07-01");
    expect(monthOf(at)).toBe("2026-07");
  });

  it("in winter London is UTC", () => {
    expect(formatDateTime("2026-01-05T09:00:00Z")).toBe("5 January 2026 at 9am");
    expect(isoWithOffset("2026-01-05T09:00:00Z")).toBe("2026-01-05T09:00:00Z");
  });

  it("says midday and midnight, as GOV.UK writes them", () => {
    expect(formatDateTime("2026-01-05T12:00:00Z")).toBe("5 January 2026 at midday");
    expect(formatDateTime("2026-01-05T00:00:00Z")).toBe("5 January 2026 at midnight");
    expect(formatDateTime("2026-01-05T15:07:00Z")).toBe("5 January 2026 at 3:07pm");
  });

  it("gives the server's own time zone no say", () => {
    const before = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      expect(formatDate("2026-06-30T23:30:00.000Z")).toBe("1 July 2026");
    } finally {
      process.env.TZ = before;
    }
  });

  it("a day filter covers the London day, across the clock changes", () => {
    expect(startOfDay("2026-07-01").toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(endOfDay("2026-07-01").toISOString()).toBe("2026-07-01T23:00:00.000Z");
    // 29 March 2026: the clocks go forward, a 23-hour day
    expect(endOfDay("2026-03-29").getTime() - startOfDay("2026-03-29").getTime()).toBe(23 * 3600_000);
    // 25 October 2026: the clocks go back, a 25-hour day
    expect(endOfDay("2026-10-25").getTime() - startOfDay("2026-10-25").getTime()).toBe(25 * 3600_000);
  });

  it("refuses days that do not exist", () => {
    expect(isRealDay("2026-02-29")).toBe(false);
    expect(isRealDay("2028-02-29")).toBe(true);
    expect(isRealDay("2026-13-01")).toBe(false);
    expect(isRealDay("26-01-01")).toBe(false);
  });

  it("months are London months", () => {
    expect(lastMonths(new Date("2026-01-15T00:00:00Z"), 3)).toEqual(["2025-11", "2025-12", "2026-01"]);
    // The last instant of June in London is 22:59:59.999 UTC.
    expect(monthEnd("2026-06", new Date("2027-01-01T00:00:00Z")).toISOString()).toBe("2026-06-30T22:59:59.999Z");
    expect(monthLabel("2026-03")).toBe("March 2026");
    expect(monthLabel("2026-03", true)).toBe("Mar 26");
  });

  it("adds calendar months on the London calendar, keeping the end of a short month", () => {
    expect(addMonths("2026-08-31T12:00:00Z", 6).toISOString()).toBe("2027-02-28T13:00:00.000Z");
    expect(formatDate(addMonths("2026-06-30T23:30:00Z", 6))).toBe("1 January 2027");
  });
});

describe("addMonths", () => {
  it("agrees with date-fns' addMonths on a TZDate in London, for any instant and any number of months", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: -36, max: 36 }),
        (ms, months) => {
          const expected = addCalendarMonths(new TZDate(ms, TIME_ZONE), months).getTime();
          expect(addMonths(ms, months).getTime()).toBe(expected);
        },
      ),
      {
        numRuns: 50_000,
        seed: 20261130,
        // Landing in the hour the clocks skip (29 March 2026, 01:30) and the hour they repeat (25 October 2026, 01:30).
        examples: [
          [Date.parse("2026-01-29T01:30:00Z"), 2],
          [Date.parse("2026-08-25T00:30:00Z"), 2],
          [Date.parse("2026-08-25T01:30:00Z"), 2],
          [Date.parse("2026-06-30T23:30:00Z"), 6],
          // In the repeated hour itself: its first and second 01:30, moved by nothing, a month and a year.
          [Date.parse("2005-10-30T00:00:00Z"), 0],
          [Date.parse("2026-10-25T00:30:00Z"), 0],
          [Date.parse("2026-10-25T01:30:00Z"), 0],
          [Date.parse("2026-10-25T00:30:00Z"), 1],
          [Date.parse("2026-10-25T01:30:00Z"), -12],
        ],
      },
    );
  });
});

describe("formatting without a TZDate each time", () => {
  it("writes what date-fns writes for a TZDate in London, for any instant, across the clock changes", () => {
    const check = (ms: number) => {
      const london = new TZDate(ms, TIME_ZONE);
      const [h, m] = [london.getHours(), london.getMinutes()];
      const time =
        m === 0 && h === 0 ? "midnight" : m === 0 && h === 12 ? "midday" : format(london, m === 0 ? "haaa" : "h:mmaaa");
      expect(formatDateTime(ms)).toBe(`${format(london, "d MMMM yyyy")} at ${time}`);
      expect(isoWithOffset(new Date(ms).toISOString())).toBe(formatISO(london));
      expect(dayOf(ms)).toBe(format(london, "yyyy-MM-dd"));
    };
    // Every quarter hour around the clock changes of 2026, then any instant.
    for (const around of ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"])
      for (let q = -12; q <= 12; q++) check(Date.parse(around) + q * 15 * 60_000);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1972, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => check(ms)),
      { numRuns: 5_000, seed: 20261130 },
    );
    expect(() => formatDateTime("not a time")).toThrow(RangeError);
  });
});

describe("a date typed in the day, month and year fields", () => {
  const read = (day: string, month: string, year: string) => readTypedDate({ day, month, year }, "Date from");
  const wrong = (message: string, parts: string[]) => ({ kind: "wrong", message, parts });

  it("takes spaces, leading zeros and months as words, and nothing typed as no date", () => {
    expect(read("27", "3", "2026")).toEqual({ kind: "day", day: "2026-03-27" });
    expect(read(" 07 ", "03", " 2026")).toEqual({ kind: "day", day: "2026-03-07" });
    expect(read("1", "March", "2026")).toEqual({ kind: "day", day: "2026-03-01" });
    expect(read("1", "sep", "2026")).toEqual({ kind: "day", day: "2026-09-01" });
    expect(read("29", "2", "2028")).toEqual({ kind: "day", day: "2028-02-29" });
    expect(read("", " ", "")).toEqual({ kind: "empty" });
  });

  it("names what is missing, highlighting those fields", () => {
    expect(read("27", "", "2026")).toEqual(wrong("Date from must include a month", ["month"]));
    expect(read("", "", "2026")).toEqual(wrong("Date from must include a day and month", ["day", "month"]));
    expect(read("27", "", "")).toEqual(wrong("Date from must include a month and year", ["month", "year"]));
    expect(read("", "3", "")).toEqual(wrong("Date from must include a day and year", ["day", "year"]));
  });

  it("refuses a date that cannot be, highlighting the wrong field or, when several are, the whole date", () => {
    expect(read("27", "13", "2026")).toEqual(wrong("Date from must be a real date", ["month"]));
    expect(read("32", "3", "2026")).toEqual(wrong("Date from must be a real date", ["day"]));
    expect(read("31", "2", "2026")).toEqual(wrong("Date from must be a real date", ["day"]));
    expect(read("29", "2", "2026")).toEqual(wrong("Date from must be a real date", ["day"]));
    expect(read("0", "0", "2026")).toEqual(wrong("Date from must be a real date", ["day", "month", "year"]));
    expect(read("x", "3", "soon")).toEqual(wrong("Date from must be a real date", ["day", "month", "year"]));
    expect(read("27", "3", "26")).toEqual(wrong("Date from must include a year with 4 numbers", ["year"]));
    expect(read("27", "3", "20266")).toEqual(wrong("Date from must include a year with 4 numbers", ["year"]));
  });

  it("reads an older link's YYYY-MM-DD into the fields, real or not", () => {
    expect(typedDateOf("2026-03-07")).toEqual({ day: "7", month: "3", year: "2026" });
    expect(typedDateOf("2026-02-31")).toEqual({ day: "31", month: "2", year: "2026" });
    expect(typedDateOf("soon")).toBeNull();
  });
});

describe("a month typed in the month and year fields (a date input without its day)", () => {
  const read = (month: string, year: string) => readTypedMonth({ month, year }, "The month");
  const wrong = (message: string, parts: string[]) => ({ kind: "wrong", message, parts });

  it("takes spaces, leading zeros and months as words, and nothing typed as no month", () => {
    expect(read("3", "2026")).toEqual({ kind: "month", month: "2026-03" });
    expect(read(" 03 ", " 2026")).toEqual({ kind: "month", month: "2026-03" });
    expect(read("December", "2025")).toEqual({ kind: "month", month: "2025-12" });
    expect(read("sep", "2026")).toEqual({ kind: "month", month: "2026-09" });
    expect(read("", " ")).toEqual({ kind: "empty" });
  });

  it("names what is missing and refuses a month that cannot be, with the design system's words", () => {
    expect(read("3", "")).toEqual(wrong("The month must include a year", ["year"]));
    expect(read("", "2026")).toEqual(wrong("The month must include a month", ["month"]));
    expect(read("13", "2026")).toEqual(wrong("The month must be a real month", ["month"]));
    expect(read("Marhc", "2026")).toEqual(wrong("The month must be a real month", ["month"]));
    expect(read("0", "soon")).toEqual(wrong("The month must be a real month", ["month", "year"]));
    expect(read("3", "26")).toEqual(wrong("The month must include a year with 4 numbers", ["year"]));
    // The form it replaced took YYYY-MM in one field: typed into the month field, it is not a month.
    expect(read("2026-03", "2026")).toEqual(wrong("The month must be a real month", ["month"]));
  });

  it("reads an older form's YYYY-MM into the fields", () => {
    expect(typedMonthOf("2026-03")).toEqual({ month: "3", year: "2026" });
    expect(typedMonthOf(" 2026-12 ")).toEqual({ month: "12", year: "2026" });
    expect(typedMonthOf("2026-03-07")).toBeNull();
    expect(typedMonthOf("March")).toBeNull();
  });
});

describe("a date ahead typed in the day, month and year fields (a due date, a target)", () => {
  const all = ["day", "month", "year"];
  const ahead = (day: string, month: string, year: string, afterToday = false) =>
    readDayAhead({ day, month, year }, "The due date", {
      today: "2026-06-30",
      enter: "Enter the due date",
      afterToday,
    });
  const wrong = (message: string, parts: string[] = all) => ({ kind: "wrong", message, parts });

  it("takes a day from today (or after it) to five years on, to the day", () => {
    expect(ahead("30", "6", "2026")).toEqual({ kind: "day", day: "2026-06-30" });
    expect(ahead("1", "jul", "2026", true)).toEqual({ kind: "day", day: "2026-07-01" });
    expect(ahead("30", "6", "2031")).toEqual({ kind: "day", day: "2031-06-30" });
  });

  it("asks for a date when none is typed, and passes on the date input's own messages", () => {
    expect(ahead("", "", "")).toEqual(wrong("Enter the due date"));
    expect(ahead("31", "2", "2027")).toEqual(wrong("The due date must be a real date", ["day"]));
    expect(ahead("1", "", "2027")).toEqual(wrong("The due date must include a month", ["month"]));
    expect(ahead("1", "1", "x")).toEqual(wrong("The due date must be a real date", ["year"]));
  });

  it("refuses a day out of range, outlining the whole date", () => {
    expect(ahead("29", "6", "2026")).toEqual(wrong("The due date must be today or in the future"));
    expect(ahead("30", "6", "2026", true)).toEqual(wrong("The due date must be in the future"));
    expect(ahead("1", "7", "2031")).toEqual(wrong("The due date must be no later than 30 June 2031"));
    expect(ahead("1", "1", "9999")).toEqual(wrong("The due date must be no later than 30 June 2031"));
  });
});
