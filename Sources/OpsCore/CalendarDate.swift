import Foundation
import OpsExpr

/// A day in the calendar (`2026-12-01`), compared and printed as ISO 8601.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) else { return nil }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...days[m - 1]).contains(d) else { return nil }
        year = y
        month = m
        day = d
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The day an instant falls on in a time zone.
    public init(_ instant: Date, in timeZone: TimeZone) {
        let local = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        self.init(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    /// The day `dayNumber` days after 1970-01-01.
    init(dayNumber: Int) {
        (year, month, day) = Timestamp.civilFromDays(dayNumber)
    }

    /// Days from 1970-01-01 to this day.
    var dayNumber: Int { Timestamp.daysFromCivil(year: year, month: month, day: day) }

    /// 00:00 of this day in a time zone; where a clock change skips midnight, the first instant of the day.
    public func start(in timeZone: TimeZone) -> Date {
        let midnightUTC = Double(dayNumber) * 86_400
        func offset(_ seconds: Double) -> Double { Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))) }
        // The offset at local midnight: guessed from UTC's midnight, then checked at the instant it gives.
        let guess = offset(midnightUTC)
        let start = midnightUTC - guess
        let actual = offset(start)
        if actual == guess { return Date(timeIntervalSince1970: start) }
        let corrected = midnightUTC - actual
        return Date(timeIntervalSince1970: offset(corrected) == actual ? corrected : max(start, corrected))
    }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Noon of this day in a time zone: the instant `--as-of DAY` judges at.
    public func noon(in timeZone: TimeZone) -> Date { start(in: timeZone).addingTimeInterval(12 * 3600) }

    /// Days from this day to `other` (negative when `other` is earlier).
    public func days(to other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// 1 (Sunday) … 7 (Saturday).
    public var weekday: Int { ((dayNumber % 7 + 7) % 7 + 4) % 7 + 1 }

    /// The first day of this day's month.
    public var firstOfMonth: CalendarDate { adding(days: 1 - day) }

    /// The first day of the next month.
    public var firstOfNextMonth: CalendarDate { firstOfMonth.adding(days: 32).firstOfMonth }

    /// `2026-12`.
    public var monthText: String { String(description.prefix(7)) }
}
