import OpsCore
import OpsDocument

/// A manifest's `seed_profile:` and `choices:`: which seed's value it takes where the seeds disagree
/// (`rubrics/seed-choices.yaml`), with where each is written for errors at its line.
public struct SeedSelection: Sendable {
    public let profile: String?
    public let picks: [String: String]
    let profileLocation: SourceLocation?
    let pickLocations: [String: SourceLocation]

    public init(profile: String? = nil, picks: [String: String] = [:]) {
        (self.profile, self.picks, profileLocation, pickLocations) = (profile, picks, nil, [:])
    }

    init(profile: String?, profileLocation: SourceLocation?, picks: [String: String], pickLocations: [String: SourceLocation]) {
        (self.profile, self.profileLocation, self.picks, self.pickLocations) = (profile, profileLocation, picks, pickLocations)
    }

    static func parse(profile: Node?, choices: Node?) throws(DocumentError) -> SeedSelection {
        let name = try profile.map { (n) throws(DocumentError) in try NodeReader.string(n, key: "seed_profile") }
        var picks: [String: String] = [:], locations: [String: SourceLocation] = [:]
        if let choices {
            guard let entries = choices.entries else { throw DocumentError(at: choices.location, "'choices' must map choice ids to options such as seed-002") }
            for entry in entries {
                let id = entry.key.keyText ?? ""
                picks[id] = try NodeReader.string(entry.value, key: id)
                locations[id] = entry.value.location
            }
        }
        return SeedSelection(profile: name, profileLocation: profile?.location, picks: picks, pickLocations: locations)
    }

    /// Every name against the catalogue.
    func validate(_ catalogue: SeedChoices) throws(DocumentError) {
        if let profile, !catalogue.profiles.contains(profile) {
            throw DocumentError(at: profileLocation ?? SourceLocation(file: "manifest", line: 1, column: 1),
                                "unknown seed_profile '\(profile)' (known: \(catalogue.profiles.sorted().joined(separator: ", ")))")
        }
        for (id, pick) in picks.sorted(by: { $0.key < $1.key }) {
            let location = pickLocations[id] ?? SourceLocation(file: "manifest", line: 1, column: 1)
            guard let choice = catalogue.choices.first(where: { $0.id == id }) else {
                throw DocumentError(at: location, "unknown choice '\(id)' (known: \(catalogue.choices.map(\.id).joined(separator: ", ")))")
            }
            guard choice.option(pick) != nil else {
                throw DocumentError(at: location, "choice \(id) has no option '\(pick)' (it has: \(choice.options.map(\.id).joined(separator: ", ")))")
            }
        }
    }
}
