/// Where a failing finding stands against the baseline (`assess --baseline`). `new` and `worsened` fail the gate;
/// `unchanged` and `moved` do not; `absent` is a baselined finding no longer found (fixed).
public enum BaselineState: String, Sendable, Codable, CaseIterable {
    case new, unchanged, worsened, moved, absent
}
