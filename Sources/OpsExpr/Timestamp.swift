import Foundation

/// An instant in UTC with nanosecond precision, from 0001-01-01 to 9999-12-31.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public let nanoseconds: Int128

    static let minimum: Int128 = -62_135_596_800 * 1_000_000_000
    static let maximum: Int128 = 253_402_300_799 * 1_000_000_000 + 999_999_999

    public init(nanoseconds: Int128) throws(EvalError) {
        guard nanoseconds >= Self.minimum && nanoseconds <= Self.maximum else { throw EvalError("timestamp out of range") }
        self.nanoseconds = nanoseconds
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.nanoseconds < b.nanoseconds }

    public var seconds: Int64 { Int64(floorDiv(nanoseconds, 1_000_000_000)) }
    public var nanoOfSecond: Int64 { Int64(nanoseconds - Int128(seconds) * 1_000_000_000) }

    /// Parses RFC 3339: `2009-02-13T23:31:30Z`, `2009-02-13T23:31:30.123+09:00`.
    public init(parsing text: String) throws(EvalError) {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var v = 0
            for i in at..<(at + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        let invalid = EvalError("invalid timestamp '\(text)'")
        guard b.count >= 20, let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45, let day = digits(8, 2),
              b[10] == 84 || b[10] == 116, let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58,
              let second = digits(17, 2) else {
            if b.count > 4, digits(0, 4) == nil, let _ = digits(0, 5) { throw EvalError("timestamp out of range") }
            throw invalid
        }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24, minute < 60, second < 61 else { throw invalid }
        var index = 19
        var nanos: Int128 = 0
        if index < b.count, b[index] == 46 {
            index += 1
            var scale: Int128 = 100_000_000
            let start = index
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                nanos += Int128(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start, index - start <= 9 else { throw invalid }
        }
        var offset = 0
        guard index < b.count else { throw invalid }
        if b[index] == 90 || b[index] == 122 {
            index += 1
        } else if b[index] == 43 || b[index] == 45, let oh = digits(index + 1, 2), index + 3 < b.count, b[index + 3] == 58, let om = digits(index + 4, 2) {
            offset = (oh * 60 + om) * 60 * (b[index] == 45 ? -1 : 1)
            index += 6
        } else {
            throw invalid
        }
        guard index == b.count else { throw invalid }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let secs = Int128(days) * 86_400 + Int128(hour * 3600 + minute * 60 + second - offset)
        try self.init(nanoseconds: secs * 1_000_000_000 + nanos)
    }

    /// RFC 3339 in UTC with as many fraction digits as needed.
    public var text: String {
        let c = civil(offsetSeconds: 0)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        var result = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        if nanoOfSecond != 0 {
            var digits = pad(Int(nanoOfSecond), 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            result += "." + digits
        }
        return result + "Z"
    }

    struct Civil {
        let year, month, day, hour, minute, second, dayOfWeek, dayOfYear: Int
    }

    /// Calendar fields at a fixed UTC offset.
    func civil(offsetSeconds: Int) -> Civil {
        let local = Int(seconds) + offsetSeconds
        let days = Int(floorDiv(Int128(local), 86_400))
        let secondOfDay = local - days * 86_400
        let (y, m, d) = Self.civilFromDays(days)
        let dayOfWeek = ((days % 7) + 11) % 7 // 1970-01-01 was a Thursday (4)
        let dayOfYear = days - Self.daysFromCivil(year: y, month: 1, day: 1)
        return Civil(year: y, month: m, day: d, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60,
                     second: secondOfDay % 60, dayOfWeek: dayOfWeek, dayOfYear: dayOfYear)
    }

    /// The UTC offset, in seconds, of a time zone name (`Asia/Seoul`, `UTC`) or offset (`+09:00`, `-05:30`).
    func offset(inZone zone: String) throws(EvalError) -> Int {
        let b = Array(zone.utf8)
        if let first = b.first, first == 43 || first == 45 || (first >= 48 && first <= 57) {
            let sign = first == 45 ? -1 : 1
            let body = (first == 43 || first == 45) ? String(zone.dropFirst()) : zone
            let parts = body.split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else {
                throw EvalError("invalid time zone offset '\(zone)'")
            }
            return sign * (h * 3600 + m * 60)
        }
        guard let tz = TimeZone(identifier: zone) else { throw EvalError("unknown time zone '\(zone)'") }
        return tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian (year, month, day) `days` after 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

func floorDiv(_ a: Int128, _ b: Int128) -> Int128 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
