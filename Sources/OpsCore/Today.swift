import Foundation

/// Today's date in a time zone: read at the edge (the CLI), passed into the pure engine.
public enum Today {
    public static func date(in timezone: String?) -> CalendarDate {
        CalendarDate(Date(), in: timeZone(timezone))
    }

    /// A workload's time zone by its IANA name; UTC when none (or no known one) is named.
    public static func timeZone(_ name: String?) -> TimeZone {
        name.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
    }
}
