import Foundation

/// An instant as UTC text, by arithmetic (a date formatter costs more to make than a page of rows takes to write).
public enum UTCTimestamp {
    /// `2026-11-28T18:30:47Z` (whole seconds).
    public static func iso8601(_ date: Date) -> String {
        let (day, seconds) = split(date)
        return "\(day)T\(clock(seconds, withSeconds: true))Z"
    }

    /// `2026-11-28 18:30 UTC`.
    public static func minutes(_ date: Date) -> String {
        let (day, seconds) = split(date)
        return "\(day) \(clock(seconds, withSeconds: false)) UTC"
    }

    private static func split(_ date: Date) -> (CalendarDate, Int) {
        let whole = Int(date.timeIntervalSince1970.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        return (CalendarDate(dayNumber: days), whole - days * 86_400)
    }

    private static func clock(_ seconds: Int, withSeconds: Bool) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text = "\(two(seconds / 3_600)):\(two(seconds % 3_600 / 60))"
        return withSeconds ? text + ":\(two(seconds % 60))" : text
    }
}
