/// Why an expression is not PromQL, at a UTF-8 offset into it.
public struct PromQLError: Error, Equatable, Sendable {
    public let offset: Int
    public let message: String

    init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }
}
