import Foundation
import OpsCore

/// The plan's weeks on the calendar: week `n` starts at 00:00 of go-live day + 7 (n - 1) days in the workload's
/// time zone, so a week is seven calendar days even when a daylight-saving change makes one of them 23 or 25 hours.
public struct HypercareWeeks: Sendable {
    public let goLiveDay: CalendarDate
    public let timeZone: TimeZone
    /// The start of weeks 1 … `starts.count`, worked out once: probe histories ask for hundreds of thousands of weeks.
    private let starts: [Date]

    public init(goLive: Date, timeZone: TimeZone, weeks: Int = 520) {
        goLiveDay = CalendarDate(goLive, in: timeZone)
        self.timeZone = timeZone
        let day = goLiveDay
        starts = (0...weeks).map { day.adding(days: 7 * $0).start(in: timeZone) }
    }

    /// 00:00 on the first day of `week` (1-based).
    public func start(_ week: Int) -> Date {
        week >= 1 && week <= starts.count ? starts[week - 1] : goLiveDay.adding(days: 7 * (week - 1)).start(in: timeZone)
    }

    /// The 1-based week `instant` falls in; 0 before go-live.
    public func week(of instant: Date) -> Int {
        guard let first = starts.first, instant >= first else { return 0 }
        guard let last = starts.last, instant < last else {
            return goLiveDay.days(to: CalendarDate(instant, in: timeZone)) / 7 + 1
        }
        // The last start not after the instant.
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= instant { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The day after the last day of `week`.
    public func dayAfter(week: Int) -> CalendarDate { goLiveDay.adding(days: 7 * week) }
}
