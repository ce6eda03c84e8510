/// What a workload may be named in the store: 1 to 256 characters, none of them a control character (a name is shown
/// in pages, URLs and terminals). `assess --store --workload` and the server's paths hold names to it.
public enum WorkloadName {
    public static let maximumLength = 256

    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= maximumLength && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
