import Foundation

/// Today's date in a time zone: read at the edge (the CLI), passed into the pure engine.
public enum Today {
    public static func date(in timezone: String?) -> CalendarDate {
        CalendarDate(Date(), in: timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!)
    }
}
