import OpsCore
import OpsDocument

/// AWS SAM resources (`Transform: AWS::Serverless-2016-10-31`) read as the CloudFormation resources SAM makes, for the
/// checks that look at them: a function as `AWS::Lambda::Function` (with `Globals.Function` under its own properties,
/// `Tracing` as `TracingConfig`, `DeadLetterQueue` as `DeadLetterConfig`, `Tags` as a list), an API as
/// `AWS::ApiGateway::RestApi`, an HTTP API as `AWS::ApiGatewayV2::Api`, a simple table as `AWS::DynamoDB::Table`, a
/// state machine as `AWS::StepFunctions::StateMachine`, a layer as `AWS::Lambda::LayerVersion`. What SAM adds besides
/// (roles, permissions, event sources) is not made up.
enum ServerlessResources {
    static let types: [String: String] = [
        "AWS::Serverless::Function": "AWS::Lambda::Function", "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
        "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api", "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
        "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine", "AWS::Serverless::LayerVersion": "AWS::Lambda::LayerVersion",
    ]

    /// The section of `Globals` each type takes defaults from.
    static let globals: [String: String] = [
        "AWS::Serverless::Function": "Function", "AWS::Serverless::Api": "Api", "AWS::Serverless::HttpApi": "HttpApi",
        "AWS::Serverless::SimpleTable": "SimpleTable",
    ]

    /// The CloudFormation type and properties of a SAM resource; nil when `type` is not one.
    static func expand(type: String, properties: Node?, globals: Node?, at location: SourceLocation) -> (String, Node?)? {
        guard let target = types[type] else { return nil }
        var merged = properties
        if let defaults = Self.globals[type].flatMap({ globals?[$0] })?.entries {
            let own = properties?.entries ?? []
            let names = Set(own.compactMap(\.key.string))
            merged = Node(.mapping(defaults.filter { !names.contains($0.key.string ?? "") } + own), location: properties?.location ?? location)
        }
        guard type == "AWS::Serverless::Function", let p = merged, let entries = p.entries else { return (target, merged) }
        var out: [Node.Entry] = []
        for e in entries {
            switch e.key.string {
            case "Tracing"?:
                // `Tracing: Active` is `TracingConfig: {Mode: Active}`.
                out.append(Node.Entry(key: NodeRewriting.string("TracingConfig", at: e.key.location),
                                      value: NodeBuilder.mapping([("Mode", e.value)], at: e.value.location)))
            case "DeadLetterQueue"?:
                out.append(Node.Entry(key: NodeRewriting.string("DeadLetterConfig", at: e.key.location),
                                      value: NodeBuilder.mapping(e.value["TargetArn"].map { [("TargetArn", $0)] } ?? [], at: e.value.location)))
            case "Tags"?:
                let list = (e.value.entries ?? []).map { t in
                    NodeBuilder.mapping([("Key", NodeRewriting.string(t.key.keyText ?? "", at: t.key.location)), ("Value", t.value)], at: t.key.location)
                }
                out.append(Node.Entry(key: e.key, value: Node(.sequence(list), location: e.value.location)))
            case "InlineCode"?:
                out.append(Node.Entry(key: NodeRewriting.string("Code", at: e.key.location), value: NodeBuilder.mapping([("ZipFile", e.value)], at: e.value.location)))
            case "CodeUri"?:
                out.append(Node.Entry(key: NodeRewriting.string("Code", at: e.key.location), value: e.value))
            default:
                out.append(e)
            }
        }
        return (target, Node(.mapping(out), location: p.location))
    }
}
