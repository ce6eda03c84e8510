/// Facts about the tool itself.
public enum OpsReady {
    public static let name = "opsready"
    public static let version = "0.1.0"
}
