import Foundation

/// Today's date in a time zone: read at the edge (the CLI), passed into the pure engine.
public enum Today {
    public static func date(in timezone: String?) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        return CalendarDate(text)!
    }
}
